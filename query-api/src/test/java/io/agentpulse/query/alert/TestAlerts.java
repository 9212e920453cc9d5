package io.agentpulse.query.alert;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.avro.AlertState;
import io.agentpulse.avro.Severity;
import java.time.Instant;
import java.util.Map;

/** Alert transitions as the processor writes them to agentpulse.alerts. */
public final class TestAlerts {
    private TestAlerts() {}

    public static AlertEvent transition(String fingerprint, AlertState state) {
        Instant now = Instant.now();
        return AlertEvent.newBuilder().setFingerprint(fingerprint).setRuleId("rule-" + fingerprint).setRuleName("test rule")
                .setState(state).setSeverity(Severity.WARNING).setLabels(Map.of("agent", "a1")).setValue(2.0).setThreshold(1.0)
                .setSummary("test").setStartsAt(now).setEndsAt(state == AlertState.RESOLVED ? now : null).setEmittedAt(now).build();
    }
}
