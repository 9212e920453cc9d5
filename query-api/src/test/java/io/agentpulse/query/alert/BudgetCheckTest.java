package io.agentpulse.query.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.processor.alert.AlertRule;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The query API and the processor accept the same budget rules and refuse the same ones. */
class BudgetCheckTest {
    private static final List<String> RULES = List.of(
            "{\"id\":\"d\",\"kind\":\"budget\",\"metric\":\"spend_day\",\"budget_usd\":100}",
            "{\"id\":\"m\",\"kind\":\"budget\",\"metric\":\"spend_month\",\"budget_usd\":3000,\"warning\":0.8,\"critical\":1.0}",
            "{\"id\":\"c\",\"kind\":\"budget\",\"metric\":\"cost_per_call\",\"group\":\"agent\",\"range\":\"PT2H\"}",
            "{\"id\":\"g\",\"kind\":\"budget\",\"metric\":\"cost_vs_usage\",\"range\":\"PT72H\"}",
            "{\"id\":\"x1\",\"kind\":\"budget\",\"metric\":\"spend_day\"}",
            "{\"id\":\"x2\",\"kind\":\"budget\",\"metric\":\"spend_month\",\"budget_usd\":0}",
            "{\"id\":\"x3\",\"kind\":\"budget\",\"metric\":\"spend_month\",\"budget_usd\":\"lots\"}",
            "{\"id\":\"x4\",\"kind\":\"budget\",\"metric\":\"error_rate\"}",
            "{\"id\":\"x5\",\"kind\":\"budget\",\"metric\":\"cost_vs_usage\",\"range\":\"PT73H\"}",
            "{\"id\":\"x6\",\"metric\":\"spend_day\",\"comparator\":\">\",\"critical\":1}");

    @Test
    void bothSidesAgreeOnEveryRule() {
        for (String json : RULES) {
            boolean api = accepts(() -> RuleCheck.check(new JsonObject(json)));
            boolean processor = accepts(() -> AlertRule.parse(json));
            assertThat(api).as(json).isEqualTo(processor);
            assertThat(api).as(json).isEqualTo(!json.contains("\"x"));
        }
    }

    private static boolean accepts(Runnable r) {
        try {
            r.run();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
