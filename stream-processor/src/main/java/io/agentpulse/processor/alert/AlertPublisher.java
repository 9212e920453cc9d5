package io.agentpulse.processor.alert;

import io.agentpulse.avro.AlertEvent;
import java.util.List;

/**
 * Publishes the alert transitions of the host and budget jobs to agentpulse.alerts (key = fingerprint), where the
 * history writer, the notifier and the query API's SSE read them as they read the topology's.
 * {@link #publish} returns once every event is acknowledged, or throws: the job then rolls its run
 * back (states included) and evaluates again on the next run, so an event is published at least
 * once (the history writer's upsert by fingerprint and start absorbs a repeat).
 * Real: {@link KafkaAlertPublisher}; in memory: {@link InMemoryAlertPublisher}.
 */
public interface AlertPublisher extends AutoCloseable {
    void publish(List<AlertEvent> events);

    @Override
    default void close() {}
}
