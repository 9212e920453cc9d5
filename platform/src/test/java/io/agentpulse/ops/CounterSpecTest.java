package io.agentpulse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class CounterSpecTest {
    static final CounterSpec TAGGED = new CounterSpec("agentpulse_test_total", "Test counts, by kind and outcome", "kind", "outcome");
    private static final CounterSpec PLAIN = new CounterSpec("agentpulse_plain_total", "Plain test counts");

    @Test
    void theCounterCarriesItsHelpAndTags() {
        PrometheusMeterRegistry registry = OpsMetrics.registry();
        TAGGED.counter(registry, "a", "ok").increment(2);
        assertThat(registry.scrape()).contains("# HELP agentpulse_test_total Test counts, by kind and outcome",
                "agentpulse_test_total{kind=\"a\",outcome=\"ok\"} 2.0");
    }

    @Test
    void aMissingTagValueOrHelpIsRefused() {
        assertThatThrownBy(() -> TAGGED.counter(OpsMetrics.registry(), "a"))
                .hasMessageContaining("agentpulse_test_total is tagged by [kind, outcome], not by 1 values");
        assertThatThrownBy(() -> new CounterSpec("agentpulse_x_total", " ")).hasMessageContaining("needs a description");
    }

    @Test
    void declaredInFindsEveryConstant() {
        assertThat(CounterSpec.declaredIn(CounterSpecTest.class)).containsExactlyInAnyOrder(TAGGED, PLAIN);
    }
}
