package io.agentpulse.query.alert;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The alert transitions of agentpulse.alerts, read whole by every query API (no consumer group, no
 * commits). Positions are Kafka positions: per partition, the offset of the next record. The SSE hub
 * streams them through {@link AlertStream} (resumable ids over the hub's clients).
 * Implementations: {@link KafkaAlertFeed} and {@link InMemoryAlertFeed}; contract:
 * AlertFeedContract in the tests.
 */
interface AlertFeed extends AutoCloseable {

    /** Receives the live tail; called from any thread, in offset order per partition. */
    interface Sink {
        /** Once, before any transition: where the tail starts (the end of each partition at start). */
        void positions(Map<Integer, Long> start);

        void transition(AlertTransition t);
    }

    /**
     * What {@link #read} found: per partition asked, the first offset still retained and the end
     * (next offset) at the time of reading, and every transition from the asked position up to
     * that end, in offset order per partition. A position below {@code logStart} was deleted by
     * retention: the caller cannot replay it.
     */
    record Backfill(Map<Integer, Long> logStart, Map<Integer, Long> end, List<AlertTransition> transitions) {}

    void start(Sink sink);

    /** True once the tail is positioned and delivering. */
    default boolean ready() {
        return true;
    }

    /**
     * Reads back from {@code from} (partition -> position) to the current end, off the caller's
     * thread. Fails when the broker does not answer in time or more than the feed's bound would
     * have to be held in memory.
     */
    CompletionStage<Backfill> read(Map<Integer, Long> from);

    @Override
    void close();
}
