package io.agentpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard parses and reads only metrics our services publish. */
class GrafanaDashboardTest {
    private static final Pattern NAME = Pattern.compile("agentpulse_[a-z0-9_]+");
    private static final Pattern SUFFIX = Pattern.compile("_(total|seconds_count|seconds_sum|seconds_max|count|sum|max|bucket)$");

    @Test
    void everyQueryNamesAMeterOfOurs() throws Exception {
        JsonNode d = new ObjectMapper().readTree(Path.of("grafana/agentpulse-dashboard.json").toFile());
        assertThat(d.path("uid").asText()).isNotBlank();
        Set<String> known = new TreeSet<>();
        Sources.metrics().forEach(m -> known.add(SUFFIX.matcher(m).replaceAll("")));
        Set<String> used = new TreeSet<>();
        for (JsonNode panel : d.path("panels")) {
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            for (JsonNode t : panel.path("targets")) {
                Matcher m = NAME.matcher(t.path("expr").asText());
                while (m.find()) {
                    used.add(SUFFIX.matcher(m.group()).replaceAll(""));
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(10);
        assertThat(known).containsAll(used);
    }

    @Test
    void grafanaProvisioningPointsAtTheDashboardAndPrometheus() {
        String compose = Sources.read(Path.of("compose.yaml"));
        assertThat(compose).contains("./grafana/agentpulse-dashboard.json:/var/lib/grafana/dashboards/");
        assertThat(Sources.read(Path.of("grafana/provisioning/dashboards/agentpulse.yaml"))).contains("/var/lib/grafana/dashboards");
        assertThat(Sources.read(Path.of("grafana/provisioning/datasources/prometheus.yaml"))).contains("http://prometheus:9090");
        assertThat(Sources.read(Path.of("Dockerfile"))).contains("all-in-one/target/agentpulse.jar");
        assertThat(Sources.read(Sources.ROOT.resolve("all-in-one/pom.xml"))).contains("<finalName>agentpulse</finalName>");
    }
}
