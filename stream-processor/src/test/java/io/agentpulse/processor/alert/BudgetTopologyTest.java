package io.agentpulse.processor.alert;

import static io.agentpulse.processor.alert.AlertHarness.agent;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.avro.AlertState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Budget rules are the budget job's (processor/budget, over the rollup tables): the topology skips them,
 * however far over budget the live rollups go, and still evaluates the other rules beside them.
 */
class BudgetTopologyTest {
    @Test
    void theTopologyLeavesBudgetRulesToTheBudgetJob() throws Exception {
        try (AlertHarness h = new AlertHarness()) {
            // 20 calls/s x 0.001 USD = 0.02 USD/s: 1.3 USD in 65 s, over 110% of a 1 USD budget
            h.rule("{\"id\":\"day-budget\",\"kind\":\"budget\",\"metric\":\"spend_day\",\"budget_usd\":1.0}");
            h.rule("{\"id\":\"spend-rate\",\"metric\":\"cost_per_hour\",\"comparator\":\">\",\"critical\":10,\"range\":\"PT1M\"}");
            h.advance(Duration.ofSeconds(65), agent("a1", 20, 100, 0));
            assertThat(h.alerts()).extracting(AlertEvent::getRuleId).containsOnly("spend-rate"); // 72 USD/h > 10
            assertThat(h.alerts()).extracting(AlertEvent::getState).contains(AlertState.FIRING);
        }
    }
}
