package io.agentpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLintTest {
    private static final String SCRAPE = """
            # HELP agentpulse_bare_total\s
            # TYPE agentpulse_bare_total counter
            agentpulse_bare_total 1.0
            # HELP agentpulse_good_total Good things counted
            # TYPE agentpulse_good_total counter
            agentpulse_good_total 1.0
            # HELP kafka_library_total\s
            # TYPE kafka_library_total counter
            kafka_library_total 1.0
            """;

    @Test
    void missingHelpFindsEmptyHelpLinesAndUndescribedSources(@TempDir Path src) throws Exception {
        Files.createDirectories(src.resolve("a/b"));
        Files.writeString(src.resolve("a/b/Meters.java"), """
                class Meters {
                    void count(MeterRegistry r) {
                        r.counter("agentpulse_shortcut_total", "k", "v").increment();
                        Counter.builder("agentpulse.bare").tag("k", "v").register(r);
                        Counter.builder("agentpulse.told").description("Told things").register(r);
                    }
                }
                """);
        assertThat(MetricsLint.missingHelp(SCRAPE, src)).containsExactly("agentpulse_bare_total",
                "Meters.java: agentpulse_shortcut_total (registry shortcut, no description)",
                "Meters.java: agentpulse.bare (builder without description)");
        assertThat(MetricsLint.classesDeclaring(src, "Counter.builder(")).containsExactly("a.b.Meters");
    }

    @Test
    void promtoolComplaintsAreKeptForOurMetricsOnly() {
        assumeTrue(MetricsLint.promtool().isPresent(), "promtool is not installed (Debian package prometheus)");
        assertThat(MetricsLint.ownProblems(SCRAPE)).containsExactly("agentpulse_bare_total no help text");
        assertThat(MetricsLint.ownProblems("garbage{\n")).singleElement().asString().startsWith("error");
    }
}
