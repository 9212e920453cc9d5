package io.agentpulse.processor.alert;

import io.agentpulse.contract.rule.AlertRule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertRuleTest {
    @Test
    void parsesWithDefaultsAndRoundTrips() {
        AlertRule r = AlertRule.parse("{\"id\":\"r1\",\"metric\":\"latency_p95\",\"comparator\":\">\",\"critical\":3000,"
                + "\"selector\":{\"agent\":\"support-*\",\"model\":\"gpt-?o\"},\"for\":\"PT1M\",\"keep_firing_for\":120}");
        assertThat(r.group()).isEqualTo("agent");
        assertThat(r.forDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(r.keepFiringFor()).isEqualTo(Duration.ofMinutes(2));
        assertThat(r.matches(Map.of("agent", "support-bot-01", "model", "gpt-4o"))).isTrue();
        assertThat(r.matches(Map.of("agent", "sales-01", "model", "gpt-4o"))).isFalse();
        assertThat(AlertRule.parse(r.toJson())).isEqualTo(r);
    }

    @Test
    void sloAndAnomalyGetTheirDefaultThresholds() {
        AlertRule slo = AlertRule.parse("{\"id\":\"s\",\"kind\":\"slo\"}");
        assertThat(slo.warning()).isEqualTo(6.0);
        assertThat(slo.critical()).isEqualTo(14.4);
        AlertRule an = AlertRule.parse("{\"id\":\"a\",\"kind\":\"anomaly\",\"metric\":\"tokens_per_minute\"}");
        assertThat(an.warning()).isEqualTo(3.0);
        assertThat(an.critical()).isEqualTo(5.0);
    }

    @Test
    void badRulesGetASentence() {
        assertThatThrownBy(() -> AlertRule.parse("[]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> AlertRule.parse("{\"id\":\"x\",\"metric\":\"error_rate\",\"comparator\":\">\"}"))
                .hasMessageContaining("warning or a critical");
        assertThatThrownBy(() -> AlertRule.parse("{\"id\":\"x\",\"kind\":\"slo\",\"objective\":1}")).hasMessageContaining("objective");
        assertThatThrownBy(() -> AlertRule.parse("{\"id\":\"x\",\"metric\":\"error_rate\",\"comparator\":\"~\",\"warning\":1}"))
                .hasMessageContaining("comparator");
    }

    @Test
    void theDefaultPackParses() {
        assertThat(DefaultRules.load().rules()).extracting(AlertRule::id)
                .contains("error-rate-high", "latency-p95-high", "agent-silent", "availability-slo", "latency-anomaly");
    }

    @Test
    void aDimensionSelectorMakesTheRuleEvaluateThatDimensionsSlicesOnly() {
        AlertRule prod = AlertRule.parse("{\"id\":\"p\",\"metric\":\"error_rate\",\"comparator\":\">\",\"critical\":0.1,"
                + "\"selector\":{\"environment\":\"prod\"}}");
        AlertRule plain = AlertRule.parse("{\"id\":\"q\",\"metric\":\"error_rate\",\"comparator\":\">\",\"critical\":0.1}");
        Map<String, String> sliced = AlertEvents.labels("agent@environment=prod|a1|*|*");
        Map<String, String> other = AlertEvents.labels("agent@environment=dev|a1|*|*");
        Map<String, String> byTeam = AlertEvents.labels("agent@team=prod|a1|*|*");
        Map<String, String> unsliced = AlertEvents.labels("agent|a1|*|*");
        assertThat(sliced).containsEntry("grp", "agent").containsEntry("environment", "prod").containsEntry("agent", "a1");
        assertThat(AlertProcessor.applies(prod, sliced)).isTrue();
        assertThat(AlertProcessor.applies(prod, other)).isFalse();
        assertThat(AlertProcessor.applies(prod, byTeam)).as("another dimension").isFalse();
        assertThat(AlertProcessor.applies(prod, unsliced)).isFalse();
        assertThat(AlertProcessor.applies(plain, unsliced)).isTrue();
        assertThat(AlertProcessor.applies(plain, sliced)).as("a rule without a dimension never sees slices").isFalse();
        assertThatThrownBy(() -> AlertRule.parse("{\"id\":\"x\",\"metric\":\"error_rate\",\"comparator\":\">\",\"warning\":1,"
                + "\"selector\":{\"environment\":\"prod\",\"team\":\"a\"}}")).hasMessageContaining("at most one dimension");
        assertThatThrownBy(() -> AlertRule.parse("{\"id\":\"x\",\"metric\":\"error_rate\",\"comparator\":\">\",\"warning\":1,"
                + "\"selector\":{\"Bad Label\":\"a\"}}")).hasMessageContaining("unknown selector label");
    }
}
