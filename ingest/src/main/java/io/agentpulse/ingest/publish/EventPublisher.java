package io.agentpulse.ingest.publish;

import io.agentpulse.avro.AgentEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes events to the events topic, keyed by agent id (so one agent's events stay ordered).
 * Implementations: {@link KafkaEventPublisher} (real) and {@link InMemoryEventPublisher} (tests);
 * one contract test runs against both.
 */
public interface EventPublisher extends AutoCloseable {

    /**
     * Sends every event; the future completes when ALL of them are durably acknowledged, or
     * exceptionally (with {@link PublishException}) when any of them could not be, within a bounded
     * time. On failure some events may still have been written: callers retry the whole batch and
     * the processor deduplicates by event_id.
     *
     * <p>May block for a short, bounded time (the Kafka producer's max.block.ms while it waits for
     * metadata or buffer space): never call it on an event loop.
     */
    CompletableFuture<Void> publish(List<AgentEvent> events);

    /** True once the publisher has reached its destination (Kafka: metadata of the topic fetched). */
    boolean ready();

    @Override
    void close();
}
