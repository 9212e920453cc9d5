package io.agentpulse.processor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.avro.AlertState;
import io.agentpulse.avro.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A publisher delivers every event of a publish, keyed by fingerprint, intact; an empty publish does nothing. */
abstract class AlertPublisherContract {
    abstract AlertPublisher publisher();

    /** The events with these fingerprints that reached the other side. */
    abstract List<AlertEvent> delivered(List<String> fingerprints);

    static AlertEvent event(String fingerprint, AlertState state) {
        return AlertEvent.newBuilder().setFingerprint(fingerprint).setRuleId("hot").setRuleName("Hot host").setState(state)
                .setSeverity(Severity.CRITICAL).setLabels(Map.of("grp", "host", "host", "<b>h1</b>")).setValue(0.95)
                .setThreshold(0.9).setSummary("hot").setStartsAt(Instant.parse("2026-03-05T10:00:00Z"))
                .setEndsAt(null).setEmittedAt(Instant.parse("2026-03-05T10:00:30Z")).build();
    }

    @Test
    void deliversEveryEventIntact() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        List<AlertEvent> sent = List.of(event(a, AlertState.FIRING), event(b, AlertState.RESOLVED));
        publisher().publish(List.of());
        publisher().publish(sent);
        assertThat(delivered(List.of(a, b))).containsExactlyInAnyOrderElementsOf(sent);
    }
}
