package io.agentpulse.processor.alert;

import io.agentpulse.contract.rule.AlertRule;
import io.agentpulse.contract.rule.AlertMetric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.avro.AlertState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Host rules in the rule model: which JSON is accepted (contract's RuleValidationTest holds the same
 * lists; the query API validates with the same AlertRule.parse) and how one (rule, host) steps.
 */
class HostRulesTest {
    static final List<String> ACCEPTED = List.of(
            "{\"id\":\"h1\",\"metric\":\"host_cpu_max\",\"comparator\":\">\",\"critical\":0.9}",
            "{\"id\":\"h2\",\"metric\":\"host_cpu_avg\",\"group\":\"host\",\"comparator\":\">=\",\"warning\":0.8,\"range\":\"PT15M\"}",
            "{\"id\":\"h3\",\"metric\":\"host_memory_max\",\"comparator\":\">\",\"critical\":8e9,\"selector\":{\"host\":\"gpu-*\"}}",
            "{\"id\":\"h4\",\"metric\":\"host_memory_avg\",\"comparator\":\"<\",\"warning\":1000000}");
    static final List<String> REFUSED = List.of(
            "{\"id\":\"x1\",\"metric\":\"host_cpu_max\",\"group\":\"agent\",\"comparator\":\">\",\"critical\":0.9}",
            "{\"id\":\"x2\",\"metric\":\"error_rate\",\"group\":\"host\",\"comparator\":\">\",\"critical\":0.1}",
            "{\"id\":\"x3\",\"metric\":\"host_cpu_max\",\"comparator\":\">\",\"critical\":0.9,\"selector\":{\"agent\":\"a\"}}",
            "{\"id\":\"x4\",\"kind\":\"anomaly\",\"metric\":\"host_cpu_avg\"}",
            "{\"id\":\"x5\",\"metric\":\"host_cpu\",\"comparator\":\">\",\"critical\":0.9}");

    @Test
    void acceptsHostRulesOnlyWithTheHostGroupAndSelector() {
        for (String json : ACCEPTED) {
            AlertRule r = AlertRule.parse(json);
            assertThat(r.group()).isEqualTo("host");
            assertThat(r.metric().isHost()).isTrue();
            assertThat(AlertRule.parse(r.toJson())).isEqualTo(r);
        }
        for (String json : REFUSED) {
            assertThatThrownBy(() -> AlertRule.parse(json)).as(json).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(HostRules.selects(AlertRule.parse(ACCEPTED.get(2)), "gpu-7")).isTrue();
        assertThat(HostRules.selects(AlertRule.parse(ACCEPTED.get(2)), "web-1")).isFalse();
    }

    @Test
    void hostMetricsAreNeverMeasuredOnCallSeries() {
        assertThat(Measure.ofWindow(new SeriesState.Win(), AlertMetric.HOST_CPU_MAX)).isNaN();
    }

    @Test
    void pendsForItsForDurationThenFiresAndResolvesAfterKeepFiringFor() {
        AlertRule r = AlertRule.parse("{\"id\":\"hot\",\"metric\":\"host_cpu_avg\",\"comparator\":\">\",\"warning\":0.7,"
                + "\"critical\":0.9,\"for\":\"PT1M\",\"keep_firing_for\":\"PT2M\",\"min_samples\":2}");
        HostRules.Sample hot = new HostRules.Sample(0.95, 4);
        HostRules.Outcome o = HostRules.step(r, "h1", new HostRules.Sample(0.95, 1), null, 0);
        assertThat(o.state()).isNull(); // too few samples: no verdict
        o = HostRules.step(r, "h1", hot, null, 0);
        assertThat(o.event().orElseThrow().getState()).isEqualTo(AlertState.PENDING);
        o = HostRules.step(r, "h1", hot, o.state(), 30_000);
        assertThat(o.event()).isEmpty();
        o = HostRules.step(r, "h1", hot, o.state(), 60_000);
        assertThat(o.event().orElseThrow().getState()).isEqualTo(AlertState.FIRING);
        assertThat(o.event().get().getSeverity().name()).isEqualTo("CRITICAL");
        o = HostRules.step(r, "h1", null, o.state(), 90_000); // the host went silent
        assertThat(o.event()).isEmpty();
        o = HostRules.step(r, "h1", new HostRules.Sample(0.2, 4), o.state(), 180_000);
        assertThat(o.event().orElseThrow().getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(o.event().get().getLabels()).containsEntry("host", "h1").doesNotContainKey("agent");
    }
}
