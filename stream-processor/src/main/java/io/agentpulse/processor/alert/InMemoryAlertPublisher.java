package io.agentpulse.processor.alert;

import io.agentpulse.avro.AlertEvent;
import java.util.ArrayList;
import java.util.List;

/** Keeps what was published; {@link #failNext} makes the next publish throw (a broker that is down). */
public final class InMemoryAlertPublisher implements AlertPublisher {
    private final List<AlertEvent> published = new ArrayList<>();
    private boolean fail;

    @Override
    public synchronized void publish(List<AlertEvent> events) {
        if (fail && !events.isEmpty()) {
            fail = false;
            throw new IllegalStateException("agentpulse.alerts is unavailable (simulated)");
        }
        published.addAll(events);
    }

    public synchronized void failNext() {
        fail = true;
    }

    public synchronized List<AlertEvent> published() {
        return List.copyOf(published);
    }
}
