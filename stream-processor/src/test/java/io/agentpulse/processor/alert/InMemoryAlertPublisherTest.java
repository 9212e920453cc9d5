package io.agentpulse.processor.alert;

import io.agentpulse.avro.AlertEvent;
import java.util.List;

/** The alert publisher contract in memory. */
class InMemoryAlertPublisherTest extends AlertPublisherContract {
    private final InMemoryAlertPublisher publisher = new InMemoryAlertPublisher();

    @Override
    AlertPublisher publisher() {
        return publisher;
    }

    @Override
    List<AlertEvent> delivered(List<String> fingerprints) {
        return publisher.published().stream().filter(e -> fingerprints.contains(e.getFingerprint())).toList();
    }
}
