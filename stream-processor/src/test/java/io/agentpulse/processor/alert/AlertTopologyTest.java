package io.agentpulse.processor.alert;

import static io.agentpulse.processor.alert.AlertHarness.agent;
import static io.agentpulse.processor.alert.AlertHarness.both;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.avro.AlertState;
import io.agentpulse.avro.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alert sub-topology on the real processor topology, driven with simulated time. */
class AlertTopologyTest {
    static final String P95 = """
            {"id":"p95","name":"p95 latency","metric":"latency_p95","group":"agent","comparator":">",
             "warning":1000,"critical":3000,"min_samples":10,"range":"PT1M","for":"PT0S","keep_firing_for":"PT30S",
             "summary":"p95 of {{agent}} is {{value}} ms"}""";

    @Test
    void aLatencySpikeFiresWithinSecondsAndResolvesAfterRecovery() throws Exception {
        try (AlertHarness h = new AlertHarness()) {
            h.rule(P95);
            h.advance(Duration.ofMinutes(3), both(agent("a1", 20, 100, 0), agent("a2", 20, 100, 0)));
            assertThat(h.alerts()).isEmpty();
            long spike = h.now;
            h.advance(Duration.ofSeconds(20), both(agent("a1", 20, 2_000, 0), agent("a2", 20, 100, 0)));
            List<AlertEvent> fired = h.alerts().stream().filter(e -> e.getState() == AlertState.FIRING).toList();
            assertThat(fired).hasSize(1);
            AlertEvent f = fired.get(0);
            assertThat(f.getLabels()).containsEntry("agent", "a1").containsEntry("grp", "agent");
            assertThat(f.getSeverity()).isEqualTo(Severity.WARNING);
            assertThat(f.getStartsAt().toEpochMilli() - spike).isBetween(0L, 10_000L);
            System.out.printf("simulated detection delay (spike -> firing): %d ms%n", f.getStartsAt().toEpochMilli() - spike);
            assertThat(f.getSummary()).startsWith("p95 of a1 is ");
            h.advance(Duration.ofMinutes(4), both(agent("a1", 20, 100, 0), agent("a2", 20, 100, 0)));
            List<AlertEvent> all = h.alerts();
            assertThat(all).extracting(AlertEvent::getState).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
            assertThat(all.get(1).getFingerprint()).isEqualTo(f.getFingerprint());
            assertThat(all.get(1).getStartsAt()).isEqualTo(f.getStartsAt());
            assertThat(all.get(1).getEndsAt()).isNotNull();
        }
    }

    @Test
    void anAgentIdHoldingTheKeySeparatorKeepsItsOwnLabelAndSeries() throws Exception {
        try (AlertHarness h = new AlertHarness()) {
            h.rule(P95);
            h.advance(Duration.ofMinutes(3), both(agent("team|a1", 20, 100, 0), agent("team", 20, 100, 0)));
            h.advance(Duration.ofSeconds(20), both(agent("team|a1", 20, 2_000, 0), agent("team", 20, 100, 0)));
            List<AlertEvent> fired = h.alerts().stream().filter(e -> e.getState() == AlertState.FIRING).toList();
            assertThat(fired).hasSize(1);
            assertThat(fired.get(0).getLabels()).containsEntry("agent", "team|a1").containsEntry("model", "*");
        }
    }

    @Test
    void aRuleSelectingADimensionFiresForItsSliceOnly() throws Exception {
        try (AlertHarness h = new AlertHarness()) {
            h.rule(P95.replace("\"id\":\"p95\"", "\"id\":\"p95-prod\",\"selector\":{\"environment\":\"prod\"}"));
            h.advance(Duration.ofMinutes(3), both(agent("a1", "prod", 20, 100, 0), agent("a2", "staging", 20, 100, 0)));
            h.advance(Duration.ofSeconds(20), both(agent("a1", "staging", 20, 2_000, 0), agent("a2", "prod", 20, 2_000, 0)));
            List<AlertEvent> fired = h.alerts().stream().filter(e -> e.getState() == AlertState.FIRING).toList();
            assertThat(fired).as("a2's prod calls are slow; a1's slow calls are in staging").hasSize(1);
            assertThat(fired.get(0).getLabels()).containsEntry("agent", "a2").containsEntry("grp", "agent")
                    .containsEntry("dimension", "environment").containsEntry("environment", "prod");
        }
    }

    @Test
    void pendingForThenFiringAndARuleDeletionResolves() throws Exception {
        try (AlertHarness h = new AlertHarness()) {
            h.rule(P95.replace("\"for\":\"PT0S\"", "\"for\":\"PT30S\""));
            h.advance(Duration.ofMinutes(2), agent("a1", 20, 100, 0));
            h.advance(Duration.ofSeconds(60), agent("a1", 20, 2_000, 0));
            assertThat(h.alerts()).extracting(AlertEvent::getState).containsExactly(AlertState.PENDING, AlertState.FIRING);
            long pendingAt = h.alerts().get(0).getStartsAt().toEpochMilli();
            assertThat(h.alerts().get(1).getStartsAt().toEpochMilli() - pendingAt).isBetween(30_000L, 32_000L);
            h.deleteRule("p95");
            h.advance(Duration.ofSeconds(3), agent("a1", 20, 2_000, 0));
            assertThat(h.alerts()).extracting(AlertEvent::getState).endsWith(AlertState.RESOLVED);
        }
    }

    @Test
    void aSilentAgentIsFoundByThePunctuator() throws Exception {
        try (AlertHarness h = new AlertHarness()) {
            h.rule("""
                    {"id":"silent","metric":"no_data","group":"agent","warning":60,"summary":"{{agent}} silent for {{value}} s"}""");
            h.advance(Duration.ofMinutes(1), both(agent("a1", 5, 100, 0), agent("a2", 5, 100, 0)));
            h.advance(Duration.ofSeconds(59), agent("a2", 5, 100, 0));
            assertThat(h.alerts()).isEmpty();
            h.advance(Duration.ofSeconds(5), agent("a2", 5, 100, 0));
            assertThat(h.alerts()).singleElement().satisfies(e -> {
                assertThat(e.getState()).isEqualTo(AlertState.FIRING);
                assertThat(e.getLabels()).containsEntry("agent", "a1");
            });
            h.advance(Duration.ofSeconds(5), both(agent("a1", 5, 100, 0), agent("a2", 5, 100, 0)));
            assertThat(h.alerts()).extracting(AlertEvent::getState).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
        }
    }

    @Test
    void sloBurnRateFiresCriticalOnAFastBurn() throws Exception {
        try (AlertHarness h = new AlertHarness()) {
            h.rule("""
                    {"id":"slo","kind":"slo","group":"agent","objective":0.995,"min_samples":50}""");
            h.advance(Duration.ofMinutes(10), agent("a1", 5, 100, 0));
            assertThat(h.alerts()).isEmpty();
            // 20% errors = 40x the 0.5% budget: above 14.4 on 5 min at once, on 1 h after ~4 min
            h.advance(Duration.ofMinutes(6), agent("a1", 5, 100, 0.2));
            // the slow pair (6 h and 30 min above 6x) warns first, the fast pair escalates to critical
            assertThat(h.alerts()).filteredOn(e -> e.getState() == AlertState.FIRING).extracting(AlertEvent::getSeverity)
                    .containsExactly(Severity.WARNING, Severity.CRITICAL);
        }
    }

    @Test
    void anAnomalyAgainstTheSeriesOwnBaseline() throws Exception {
        try (AlertHarness h = new AlertHarness()) {
            h.rule("""
                    {"id":"anom","kind":"anomaly","metric":"latency_p95","group":"agent","range":"PT1M","min_history":5,"min_samples":10}""");
            h.advance(Duration.ofMinutes(9), agent("a1", 10, 300, 0));
            assertThat(h.alerts()).isEmpty();
            h.advance(Duration.ofSeconds(30), agent("a1", 10, 3_000, 0));
            assertThat(h.alerts()).filteredOn(e -> e.getState() == AlertState.FIRING).isNotEmpty();
        }
    }

    @Test
    void anInvalidRuleIsCountedAndTheOthersStillRun() throws Exception {
        try (AlertHarness h = new AlertHarness()) {
            h.rules.pipeInput("bad", "{\"id\":\"bad\",\"metric\":\"nonsense\"}");
            h.rule(P95);
            h.advance(Duration.ofMinutes(1), agent("a1", 20, 2_000, 0));
            assertThat(h.alerts()).extracting(AlertEvent::getState).contains(AlertState.FIRING);
            assertThat(h.meters.counter("agentpulse_alert_rules_invalid_total").count()).isEqualTo(1.0);
        }
    }
}
