package io.agentpulse.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agentpulse.embedded.MetricsLint;
import io.agentpulse.ops.CounterSpec;
import io.agentpulse.ops.OpsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The gateway's /metrics as Prometheus reads it: every meter it can show, linted by promtool. */
class GatewayMetricsLintTest {
    private static final Path SOURCES = Path.of("src/main/java");

    /** What /metrics shows once every meter counted: GatewayMetrics' own and every declared counter. */
    private static String scrape() throws ClassNotFoundException {
        PrometheusMeterRegistry registry = OpsMetrics.registry();
        new GatewayMetrics(registry);
        CounterSpec.registerExamples(registry, MetricsLint.classesDeclaring(SOURCES, "new CounterSpec("));
        return registry.scrape();
    }

    @Test
    void everyMeterHasAHelpSentence() throws Exception {
        String scrape = scrape();
        assertThat(scrape).contains("# HELP agentpulse_gateway_requests_total Answers to POST /v1/events",
                "# HELP agentpulse_gateway_limited_total ", "# HELP agentpulse_gateway_cardinality_folded_total ",
                "# HELP agentpulse_gateway_requests_in_flight ");
        assertThat(MetricsLint.missingHelp(scrape, SOURCES)).isEmpty();
    }

    @Test
    void promtoolFindsNothingAboutOurMetrics() throws Exception {
        assumeTrue(MetricsLint.promtool().isPresent(), "promtool is not installed (Debian package prometheus)");
        assertThat(MetricsLint.ownProblems(scrape())).isEmpty();
    }
}
