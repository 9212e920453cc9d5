package io.agentpulse.query.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class RuleCheckTest {
    @Test
    void acceptsTheThreeKindsOfRule() {
        assertThat(RuleCheck.check(new JsonObject("{\"id\":\"a\",\"metric\":\"latency_p95\",\"comparator\":\">\",\"warning\":1}"))).isNotNull();
        assertThat(RuleCheck.check(new JsonObject("{\"id\":\"b\",\"kind\":\"slo\",\"objective\":0.99}"))).isNotNull();
        assertThat(RuleCheck.check(new JsonObject("{\"id\":\"c\",\"kind\":\"anomaly\",\"metric\":\"cost_per_hour\"}"))).isNotNull();
        assertThat(RuleCheck.check(new JsonObject("{\"id\":\"d\",\"metric\":\"no_data\",\"warning\":300}"))).isNotNull();
    }

    /** The same rules the processor's AlertRule accepts (FeedbackRuleTest there): "<" by default, scores in [0, 1]. */
    @Test
    void aFeedbackRuleNeedsNoComparatorAndThresholdsBetweenZeroAndOne() {
        assertThat(RuleCheck.check(new JsonObject("{\"id\":\"f\",\"metric\":\"feedback_score\",\"warning\":0.5,"
                + "\"critical\":0.2,\"min_samples\":5}"))).isNotNull();
        assertThat(RuleCheck.check(new JsonObject("{\"id\":\"g\",\"kind\":\"anomaly\",\"metric\":\"feedback_score\"}"))).isNotNull();
        assertThatThrownBy(() -> RuleCheck.check(new JsonObject("{\"id\":\"f\",\"metric\":\"feedback_score\",\"warning\":3}")))
                .hasMessageContaining("'warning'").hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> RuleCheck.check(new JsonObject("{\"id\":\"f\",\"metric\":\"feedback_score\",\"critical\":-0.1}")))
                .hasMessageContaining("'critical'");
    }

    @Test
    void refusesWithASentenceNamingTheField() {
        assertThatThrownBy(() -> RuleCheck.check(new JsonObject("{\"id\":\"a b\"}"))).hasMessageContaining("'id'");
        assertThatThrownBy(() -> RuleCheck.check(new JsonObject("{\"id\":\"a\",\"metric\":\"p95\"}"))).hasMessageContaining("'metric'");
        assertThatThrownBy(() -> RuleCheck.check(new JsonObject("{\"id\":\"a\",\"metric\":\"error_rate\",\"comparator\":\">\"}")))
                .hasMessageContaining("warning");
        assertThatThrownBy(() -> RuleCheck.check(new JsonObject("{\"id\":\"a\",\"kind\":\"slo\",\"objective\":1.5}")))
                .hasMessageContaining("objective");
        assertThatThrownBy(() -> RuleCheck.check(new JsonObject("{\"id\":\"a\",\"metric\":\"error_rate\",\"comparator\":\">\",\"warning\":1,\"for\":\"soon\"}")))
                .hasMessageContaining("'for'");
        assertThatThrownBy(() -> RuleCheck.check(new JsonObject("{\"id\":\"a\",\"metric\":\"error_rate\",\"comparator\":\">\",\"warning\":1,\"selector\":{\"host\":\"x\"}}")))
                .hasMessageContaining("host");
    }

    @Test
    void aRuleSelectsByOneDimensionAsTheProcessorEvaluatesIt() {
        RuleCheck.check(new JsonObject("{\"id\":\"a\",\"metric\":\"error_rate\",\"comparator\":\">\",\"warning\":1,"
                + "\"selector\":{\"agent\":\"bot-*\",\"team\":\"search\"}}"));
        assertThatThrownBy(() -> RuleCheck.check(new JsonObject("{\"id\":\"a\",\"metric\":\"error_rate\",\"comparator\":\">\","
                + "\"warning\":1,\"selector\":{\"environment\":\"prod\",\"team\":\"search\"}}")))
                .hasMessageContaining("at most one dimension");
    }
}
