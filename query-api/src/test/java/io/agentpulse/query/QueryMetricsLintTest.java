package io.agentpulse.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agentpulse.embedded.MetricsLint;
import io.agentpulse.ops.CounterSpec;
import io.agentpulse.ops.OpsMetrics;
import io.agentpulse.query.sse.SseHub;
import io.agentpulse.query.sse.SseSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The query API's /metrics as Prometheus reads it: every meter it can show, linted by promtool. */
class QueryMetricsLintTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    /** What /metrics shows once every meter counted: the SSE hub's gauge and every declared counter. */
    private String scrape() throws ClassNotFoundException {
        PrometheusMeterRegistry registry = OpsMetrics.registry();
        new SseHub(vertx, new SseSettings(60_000, 100, 500, 10_000, 100, 1_000), Clock.systemUTC(), registry);
        CounterSpec.registerExamples(registry, MetricsLint.classesDeclaring(SOURCES, "new CounterSpec("));
        return registry.scrape();
    }

    @Test
    void everyMeterHasAHelpSentence() throws Exception {
        String scrape = scrape();
        assertThat(scrape).contains("# HELP agentpulse_sse_clients Clients connected", "# HELP agentpulse_query_requests_total ",
                "# HELP agentpulse_alert_api_rejected_total ", "# HELP agentpulse_sse_alert_resets_total ",
                "# HELP agentpulse_sse_feed_records_total ");
        assertThat(MetricsLint.missingHelp(scrape, SOURCES)).isEmpty();
    }

    @Test
    void promtoolFindsNothingAboutOurMetrics() throws Exception {
        assumeTrue(MetricsLint.promtool().isPresent(), "promtool is not installed (Debian package prometheus)");
        assertThat(MetricsLint.ownProblems(scrape())).isEmpty();
    }
}
