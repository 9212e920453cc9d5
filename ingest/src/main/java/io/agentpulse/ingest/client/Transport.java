package io.agentpulse.ingest.client;

import io.agentpulse.avro.AgentEvent;
import java.util.List;

/**
 * Where a {@link AgentPulseRecorder} delivers its batches. Implementations: {@link KafkaTransport}
 * (Avro, Confluent wire format, straight to the events topic), {@link HttpTransport} (the gateway's
 * {@code POST /v1/events}) and {@link InMemoryTransport} (tests); one contract test runs against each.
 * Called from the recorder's own thread only, never from the agent's.
 */
public interface Transport extends AutoCloseable {

    /**
     * Delivers a batch, blocking for a bounded time.
     *
     * @throws RetryableException when the batch may succeed later (overload, outage): the recorder retries it
     * @throws Exception          any other failure: the batch is dropped and counted
     */
    void send(List<AgentEvent> batch) throws Exception;

    @Override
    void close();

    /** A failure worth retrying, with the destination's hint of when (Retry-After), if any. */
    final class RetryableException extends Exception {
        private final long retryAfterMillis;

        public RetryableException(String message, long retryAfterMillis) {
            super(message);
            this.retryAfterMillis = retryAfterMillis;
        }

        public long retryAfterMillis() {
            return retryAfterMillis;
        }
    }
}
