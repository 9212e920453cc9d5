package io.agentpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.agentpulse.ingest.gateway.GatewayConfig;
import io.agentpulse.processor.config.ProcessorConfig;
import io.agentpulse.query.QueryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** deploy/k8s/*.yaml parse and hold together: probes, resources, ports, selectors, settings. */
class KubernetesManifestsTest {
    private static final Map<String, Function<Map<String, String>, Integer>> PORT_OF = Map.of(
            "io.agentpulse.ingest.gateway.GatewayMain", s -> GatewayConfig.fromEnv(s).port(),
            "io.agentpulse.processor.ProcessorMain", s -> ProcessorConfig.fromEnv(s).adminPort(),
            "io.agentpulse.query.QueryMain", s -> QueryConfig.fromEnv(s).port());
    private final List<JsonNode> docs = load();

    private static List<JsonNode> load() {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("k8s"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(f.toFile())) {
                    it.readAll().stream().filter(n -> n != null && !n.isNull() && !n.isEmpty()).forEach(out::add);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("a manifest does not parse: " + e.getMessage(), e);
        }
        return out;
    }

    private List<JsonNode> kind(String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    private Map<String, String> configFile() {
        String text = kind("ConfigMap").get(0).path("data").path("agentpulse.env").asText();
        return Sources.envFile(text);
    }

    private Set<String> secretKeys() {
        Set<String> keys = new java.util.TreeSet<>();
        kind("Secret").get(0).path("stringData").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void everyDocumentHasAKindAndAName() {
        assertThat(docs).isNotEmpty().allSatisfy(d -> {
            assertThat(d.path("apiVersion").asText()).isNotBlank();
            assertThat(d.path("metadata").path("name").asText()).isNotBlank();
        });
        assertThat(kind("Deployment")).hasSize(3);
    }

    @Test
    void deploymentsRunOurMainsWithProbesResourcesAndValidSettings() throws Exception {
        Set<String> known = Sources.variables();
        assertThat(known).containsAll(configFile().keySet()).containsAll(secretKeys());
        for (JsonNode dep : kind("Deployment")) {
            JsonNode pod = dep.path("spec").path("template");
            assertThat(dep.path("spec").path("selector").path("matchLabels").properties())
                    .allSatisfy(e -> assertThat(pod.path("metadata").path("labels").path(e.getKey())).isEqualTo(e.getValue()));
            JsonNode c = pod.path("spec").path("containers").get(0);
            String main = c.path("args").get(0).asText();
            assertThat(Class.forName(main).getMethod("main", String[].class)).isNotNull();
            Map<String, String> settings = new HashMap<>(configFile());
            for (JsonNode e : c.path("env")) {
                assertThat(known).as("variable of " + main).contains(e.path("name").asText());
                settings.put(e.path("name").asText(), e.path("value").asText());
            }
            assertThat(settings.get("AGENTPULSE_CONFIG_FILE")).isEqualTo(c.path("volumeMounts").get(0).path("mountPath").asText());
            int port = PORT_OF.get(main).apply(settings);
            JsonNode declared = c.path("ports").get(0);
            assertThat(declared.path("containerPort").asInt()).as(main + " port").isEqualTo(port);
            String portName = declared.path("name").asText();
            assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
            assertThat(c.path("readinessProbe").path("httpGet").path("port").asText()).isEqualTo(portName);
            assertThat(c.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
            assertThat(c.path("resources").path("requests").path("cpu").asText()).isNotBlank();
            assertThat(c.path("resources").path("requests").path("memory").asText()).isNotBlank();
            assertThat(pod.path("metadata").path("annotations").path("prometheus.io/port").asText()).isEqualTo(Integer.toString(port));
            assertThat(pod.path("spec").path("terminationGracePeriodSeconds").asInt()).isGreaterThanOrEqualTo(40);
        }
    }

    @Test
    void theGatewayGetsItsBootstrapIngestKeyFromASecretAndTheDatabaseFromTheSharedSettings() {
        JsonNode gateway = kind("Deployment").stream()
                .filter(d -> d.path("metadata").path("name").asText().equals("agentpulse-gateway")).findFirst().orElseThrow();
        JsonNode c = gateway.path("spec").path("template").path("spec").path("containers").get(0);
        JsonNode boot = null;
        for (JsonNode e : c.path("env")) {
            if (e.path("name").asText().equals("AGENTPULSE_BOOTSTRAP_INGEST_KEY")) {
                boot = e;
            }
        }
        assertThat(boot).as("AGENTPULSE_BOOTSTRAP_INGEST_KEY on the gateway").isNotNull();
        assertThat(boot.has("value")).as("never a literal key in a manifest").isFalse();
        assertThat(boot.path("valueFrom").path("secretKeyRef").path("name").asText()).isEqualTo("agentpulse-ingest-key");
        assertThat(c.path("envFrom").get(0).path("secretRef").path("name").asText()).isEqualTo("agentpulse-secrets");
        assertThat(secretKeys()).contains("AGENTPULSE_DB_PASSWORD");
        assertThat(io.agentpulse.ingest.gateway.GatewayDbConfig.fromEnv(configFile()).host()).isEqualTo("timescaledb.db.svc");
    }

    @Test
    void servicesHorizontalAutoscalersAndDisruptionBudgetsPointAtDeployments() {
        Map<String, JsonNode> deployments = kind("Deployment").stream()
                .collect(Collectors.toMap(d -> d.path("metadata").path("name").asText(), d -> d));
        for (JsonNode svc : kind("Service")) {
            JsonNode dep = matching(deployments.values(), svc.path("spec").path("selector"));
            Set<String> portNames = new java.util.TreeSet<>();
            dep.path("spec").path("template").path("spec").path("containers").get(0).path("ports")
                    .forEach(p -> portNames.add(p.path("name").asText()));
            svc.path("spec").path("ports").forEach(p -> assertThat(portNames).contains(p.path("targetPort").asText()));
        }
        List<String> scaled = kind("HorizontalPodAutoscaler").stream()
                .map(h -> h.path("spec").path("scaleTargetRef").path("name").asText()).sorted().toList();
        // the stateless services only; the processor scales with partitions, by hand
        assertThat(scaled).containsExactly("agentpulse-gateway", "agentpulse-query-api");
        assertThat(deployments.keySet()).containsAll(scaled);
        assertThat(kind("PodDisruptionBudget")).hasSize(3)
                .allSatisfy(pdb -> matching(deployments.values(), pdb.path("spec").path("selector").path("matchLabels")));
    }

    private static JsonNode matching(java.util.Collection<JsonNode> deployments, JsonNode selector) {
        return deployments.stream().filter(d -> {
            JsonNode labels = d.path("spec").path("template").path("metadata").path("labels");
            return selector.properties().stream().allMatch(e -> labels.path(e.getKey()).equals(e.getValue()));
        }).findFirst().orElseThrow(() -> new AssertionError("no Deployment matches " + selector));
    }
}
