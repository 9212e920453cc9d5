package io.agentpulse.processor.alert;

import static io.agentpulse.processor.alert.AlertHarness.agent;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.avro.AlertState;
import io.agentpulse.avro.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A budget rule evaluated where the other rules are: on the live 1-minute rollups in the topology. */
class BudgetTopologyTest {
    @Test
    void dailySpendWarnsThenEscalatesAsTheFleetSpends() throws Exception {
        try (AlertHarness h = new AlertHarness()) {
            // 20 calls/s x 0.001 USD = 0.02 USD/s: 0.9 USD (warning) after 45 s, 1.1 (critical) after 55 s
            h.rule("{\"id\":\"day-budget\",\"kind\":\"budget\",\"metric\":\"spend_day\",\"budget_usd\":1.0}");
            h.advance(Duration.ofSeconds(40), agent("a1", 20, 100, 0));
            assertThat(h.alerts()).isEmpty();
            h.advance(Duration.ofSeconds(10), agent("a1", 20, 100, 0));
            List<AlertEvent> fired = h.alerts();
            assertThat(fired).extracting(AlertEvent::getState).containsExactly(AlertState.FIRING);
            assertThat(fired.get(0).getSeverity()).isEqualTo(Severity.WARNING);
            assertThat(fired.get(0).getLabels()).containsEntry("grp", "all").containsEntry("metric", "spend_day");
            assertThat(fired.get(0).getThreshold()).isEqualTo(0.9, org.assertj.core.api.Assertions.within(1e-9));
            h.advance(Duration.ofSeconds(15), agent("a1", 20, 100, 0));
            assertThat(h.alerts()).extracting(AlertEvent::getState).containsExactly(AlertState.FIRING, AlertState.FIRING); // the escalation is a second FIRING
            assertThat(h.alerts().get(1).getSeverity()).isEqualTo(Severity.CRITICAL);
        }
    }
}
