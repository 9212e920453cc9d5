package io.agentpulse.client;

import java.util.List;

/**
 * Where a {@link AgentPulseRecorder} delivers its batches: the gateway ({@code gateway(...)}), Kafka
 * ({@code kafka(...)}), or your own (tests, a discarding one). Called from the recorder's own thread
 * only, never from the agent's.
 */
public interface Transport extends AutoCloseable {

    /**
     * Delivers a batch, blocking for a bounded time.
     *
     * @throws RetryableException when the batch may succeed later (overload, outage): the recorder retries it
     * @throws Exception          any other failure: the batch is dropped and counted
     */
    void send(List<PulseEvent> batch) throws Exception;

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
