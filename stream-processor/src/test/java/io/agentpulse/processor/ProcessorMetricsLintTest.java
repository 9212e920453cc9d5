package io.agentpulse.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agentpulse.embedded.MetricsLint;
import io.agentpulse.ops.CounterSpec;
import io.agentpulse.ops.OpsMetrics;
import io.agentpulse.processor.topology.PulseMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processor's /metrics as Prometheus reads it: our meters and Kafka Streams' beside them, linted by promtool. */
class ProcessorMetricsLintTest {
    private static final Path SOURCES = Path.of("src/main/java");

    /** What /metrics shows once every meter counted: PulseMetrics, every declared counter, store metrics. */
    private static String scrape(Path stateDir) throws Exception {
        PrometheusMeterRegistry registry = OpsMetrics.registry();
        new PulseMetrics(registry);
        CounterSpec.registerExamples(registry, MetricsLint.classesDeclaring(SOURCES, "new CounterSpec("));
        return StoreMetricsTest.withStores(registry, stateDir);
    }

    @Test
    void everyMeterHasAHelpSentence(@TempDir Path dir) throws Exception {
        String scrape = scrape(dir);
        assertThat(scrape).contains("# HELP agentpulse_sink_records_total Records the sink wrote",
                "# HELP agentpulse_notifications_total ", "# HELP agentpulse_retention_failures_total ",
                "# HELP agentpulse_alert_transitions_total ", "# HELP agentpulse_processor_events_accepted_total ");
        assertThat(MetricsLint.missingHelp(scrape, SOURCES)).isEmpty();
    }

    @Test
    void promtoolFindsNothingAboutOurMetrics(@TempDir Path dir) throws Exception {
        assumeTrue(MetricsLint.promtool().isPresent(), "promtool is not installed (Debian package prometheus)");
        assertThat(MetricsLint.ownProblems(scrape(dir))).isEmpty();
    }
}
