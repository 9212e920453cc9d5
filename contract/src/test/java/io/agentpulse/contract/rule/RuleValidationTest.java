package io.agentpulse.contract.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one rule validator ({@link AlertRule#parse}): the query API's rule routes call it before storing,
 * the processor before evaluating. These are the assertions of the query API's former copy (RuleCheckTest,
 * RuleCheckHostRulesTest, BudgetCheckTest), now made against the only check there is.
 */
class RuleValidationTest {
    private static AlertRule check(String json) {
        return AlertRule.parse(json);
    }

    @Test
    void acceptsTheThreeKindsOfRule() {
        assertThat(check("{\"id\":\"a\",\"metric\":\"latency_p95\",\"comparator\":\">\",\"warning\":1}")).isNotNull();
        assertThat(check("{\"id\":\"b\",\"kind\":\"slo\",\"objective\":0.99}")).isNotNull();
        assertThat(check("{\"id\":\"c\",\"kind\":\"anomaly\",\"metric\":\"cost_per_hour\"}")).isNotNull();
        assertThat(check("{\"id\":\"d\",\"metric\":\"no_data\",\"warning\":300}")).isNotNull();
    }

    /** "<" by default for a feedback rule, scores in [0, 1]. */
    @Test
    void aFeedbackRuleNeedsNoComparatorAndThresholdsBetweenZeroAndOne() {
        assertThat(check("{\"id\":\"f\",\"metric\":\"feedback_score\",\"warning\":0.5,\"critical\":0.2,\"min_samples\":5}")).isNotNull();
        assertThat(check("{\"id\":\"g\",\"kind\":\"anomaly\",\"metric\":\"feedback_score\"}")).isNotNull();
        assertThatThrownBy(() -> check("{\"id\":\"f\",\"metric\":\"feedback_score\",\"warning\":3}"))
                .hasMessageContaining("'warning'").hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> check("{\"id\":\"f\",\"metric\":\"feedback_score\",\"critical\":-0.1}"))
                .hasMessageContaining("'critical'");
    }

    @Test
    void refusesWithASentenceNamingTheField() {
        assertThatThrownBy(() -> check("{\"id\":\"a b\"}")).hasMessageContaining("'id'");
        assertThatThrownBy(() -> check("{\"id\":\"a\",\"metric\":\"p95\"}")).hasMessageContaining("'metric'");
        assertThatThrownBy(() -> check("{\"id\":\"a\",\"metric\":\"error_rate\",\"comparator\":\">\"}"))
                .hasMessageContaining("warning");
        assertThatThrownBy(() -> check("{\"id\":\"a\",\"kind\":\"slo\",\"objective\":1.5}")).hasMessageContaining("objective");
        assertThatThrownBy(() -> check("{\"id\":\"a\",\"metric\":\"error_rate\",\"comparator\":\">\",\"warning\":1,\"for\":\"soon\"}"))
                .hasMessageContaining("'for'");
        assertThatThrownBy(() -> check("{\"id\":\"a\",\"metric\":\"error_rate\",\"comparator\":\">\",\"warning\":1,\"selector\":{\"host\":\"x\"}}"))
                .hasMessageContaining("host");
        assertThatThrownBy(() -> check("{\"id\":\"a\",\"kind\":\"sometimes\",\"metric\":\"error_rate\"}")).hasMessageContaining("'kind'");
        assertThatThrownBy(() -> check("{\"id\":\"a\",\"metric\":\"error_rate\",\"comparator\":\">\",\"warning\":1,\"channels\":\"ops\"}"))
                .hasMessageContaining("'channels'");
    }

    /** The drift this class ends: the API's copy accepted a range of PT0S, which the processor then skipped. */
    @Test
    void aRangeOfZeroIsRefused() {
        assertThatThrownBy(() -> check("{\"id\":\"a\",\"metric\":\"error_rate\",\"comparator\":\">\",\"warning\":1,\"range\":\"PT0S\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("range");
        assertThatThrownBy(() -> check("{\"id\":\"a\",\"metric\":\"error_rate\",\"comparator\":\">\",\"warning\":1,\"range\":0}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("range");
    }

    @Test
    void aRuleSelectsByOneDimension() {
        check("{\"id\":\"a\",\"metric\":\"error_rate\",\"comparator\":\">\",\"warning\":1,\"selector\":{\"agent\":\"bot-*\",\"team\":\"search\"}}");
        assertThatThrownBy(() -> check("{\"id\":\"a\",\"metric\":\"error_rate\",\"comparator\":\">\","
                + "\"warning\":1,\"selector\":{\"environment\":\"prod\",\"team\":\"search\"}}"))
                .hasMessageContaining("at most one dimension");
    }

    /** Host rules: the same accepted and refused JSON as the processor's HostRulesTest. */
    @Test
    void hostRules() {
        List<String> accepted = List.of(
                "{\"id\":\"h1\",\"metric\":\"host_cpu_max\",\"comparator\":\">\",\"critical\":0.9}",
                "{\"id\":\"h2\",\"metric\":\"host_cpu_avg\",\"group\":\"host\",\"comparator\":\">=\",\"warning\":0.8,\"range\":\"PT15M\"}",
                "{\"id\":\"h3\",\"metric\":\"host_memory_max\",\"comparator\":\">\",\"critical\":8e9,\"selector\":{\"host\":\"gpu-*\"}}",
                "{\"id\":\"h4\",\"metric\":\"host_memory_avg\",\"comparator\":\"<\",\"warning\":1000000}");
        List<String> refused = List.of(
                "{\"id\":\"x1\",\"metric\":\"host_cpu_max\",\"group\":\"agent\",\"comparator\":\">\",\"critical\":0.9}",
                "{\"id\":\"x2\",\"metric\":\"error_rate\",\"group\":\"host\",\"comparator\":\">\",\"critical\":0.1}",
                "{\"id\":\"x3\",\"metric\":\"host_cpu_max\",\"comparator\":\">\",\"critical\":0.9,\"selector\":{\"agent\":\"a\"}}",
                "{\"id\":\"x4\",\"kind\":\"anomaly\",\"metric\":\"host_cpu_avg\"}",
                "{\"id\":\"x5\",\"metric\":\"host_cpu\",\"comparator\":\">\",\"critical\":0.9}");
        accepted.forEach(json -> assertThat(check(json)).as(json).isNotNull());
        refused.forEach(json -> assertThatThrownBy(() -> check(json)).as(json)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'"));
    }

    /** Budget rules: the ones without an "x" id are accepted, the others refused. */
    @Test
    void budgetRules() {
        List<String> rules = List.of(
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
        for (String json : rules) {
            assertThat(accepts(json)).as(json).isEqualTo(!json.contains("\"x"));
        }
    }

    private static boolean accepts(String json) {
        try {
            check(json);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
