package io.agentpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.agentpulse.embedded.KafkaOptions;
import io.agentpulse.ingest.gateway.GatewayConfig;
import io.agentpulse.ingest.gateway.GatewayDbConfig;
import io.agentpulse.processor.config.ProcessorConfig;
import io.agentpulse.query.QueryConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.Test;

/** deploy/compose.yaml, agentpulse.env and prometheus.yml parse and agree with the code. */
class ComposeFileTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private final JsonNode compose = read("compose.yaml");
    private final JsonNode services = compose.path("services");
    private final Map<String, String> file = Sources.envFile(Sources.read(Path.of("agentpulse.env")));

    private static JsonNode read(String f) {
        try {
            return YAML.readTree(Files.readString(Path.of(f)));
        } catch (IOException e) {
            throw new AssertionError(f + " does not parse: " + e.getMessage(), e);
        }
    }

    /** The settings a service sees: the mounted file overlaid by its environment block (host variables unset). */
    private Map<String, String> settings(String service) {
        Map<String, String> s = new HashMap<>(file);
        services.path(service).path("environment").fields().forEachRemaining(e -> s.put(e.getKey(),
                e.getValue().asText().replaceAll("\\$\\{[A-Z0-9_]+:-([^}]*)}", "$1")));
        return s;
    }

    @Test
    void theGatewayReadsKeysFromTheDatabaseAndTakesItsBootstrapKeyFromTheHost() {
        Map<String, String> gw = settings("gateway");
        GatewayDbConfig db = GatewayDbConfig.fromEnv(gw);
        assertThat(db.host()).isEqualTo("timescaledb");
        assertThat(db.user()).isEqualTo(file.get("AGENTPULSE_DB_USER"));
        assertThat(services.path("gateway").path("depends_on").has("timescaledb")).isTrue();
        // Interpolated from the operator's shell: no key in git, and none means "no bootstrap key".
        assertThat(services.path("gateway").path("environment").path("AGENTPULSE_BOOTSTRAP_INGEST_KEY").asText())
                .isEqualTo("${AGENTPULSE_BOOTSTRAP_INGEST_KEY:-}");
        assertThat(GatewayConfig.fromEnv(gw).security().bootstrapIngestKey()).isNull();
    }

    @Test
    void everySettingNamedExistsInTheCodeAndIsValid() {
        List<String> names = new ArrayList<>(file.keySet());
        for (String svc : List.of("gateway", "processor", "query-api")) {
            services.path(svc).path("environment").fieldNames().forEachRemaining(names::add);
        }
        assertThat(Sources.variables()).containsAll(names);
        // the config classes accept every value (they throw a ConfigException otherwise)
        assertThat(GatewayConfig.fromEnv(settings("gateway")).port()).isEqualTo(4318);
        assertThat(ProcessorConfig.fromEnv(settings("processor")).adminPort()).isEqualTo(8090);
        assertThat(QueryConfig.fromEnv(settings("query-api")).port()).isEqualTo(8080);
    }

    @Test
    void ourServicesRunTheirMainClassFromOneImageAndPublishTheirPorts() throws Exception {
        Map<String, Integer> port = Map.of("gateway", 4318, "query-api", 8080);
        for (String svc : List.of("gateway", "processor", "query-api")) {
            JsonNode s = services.path(svc);
            assertThat(s.path("image").asText()).isEqualTo("agentpulse:0.1.0");
            Class<?> main = Class.forName(s.path("command").get(0).asText());
            assertThat(main.getMethod("main", String[].class)).isNotNull();
            assertThat(s.path("environment").path("AGENTPULSE_CONFIG_FILE").asText()).isEqualTo("/etc/agentpulse/agentpulse.env");
            assertThat(s.path("volumes").get(0).asText()).startsWith("./agentpulse.env:/etc/agentpulse/agentpulse.env");
            if (port.containsKey(svc)) {
                assertThat(s.path("ports").get(0).asText()).isEqualTo(port.get(svc) + ":" + port.get(svc));
            }
        }
    }

    @Test
    void infrastructureIsKraftKafkaAConfluentRegistryAndTimescaleDbAtTheAddressesTheFileNames() {
        JsonNode kafka = services.path("kafka");
        assertThat(kafka.path("image").asText()).startsWith("apache/kafka:");
        assertThat(kafka.path("environment").path("KAFKA_PROCESS_ROLES").asText()).contains("controller").contains("broker");
        assertThat(kafka.path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText())
                .contains(file.get("AGENTPULSE_KAFKA_BOOTSTRAP"));
        JsonNode registry = services.path("schema-registry");
        assertThat(registry.path("image").asText()).startsWith("confluentinc/cp-schema-registry:");
        URI reg = URI.create(file.get("AGENTPULSE_REGISTRY_URL"));
        assertThat(reg.getHost()).isEqualTo("schema-registry");
        assertThat(registry.path("environment").path("SCHEMA_REGISTRY_LISTENERS").asText()).endsWith(":" + reg.getPort());
        JsonNode pg = services.path("timescaledb");
        assertThat(pg.path("image").asText()).startsWith("timescale/timescaledb:");
        URI db = URI.create(file.get("AGENTPULSE_DB_URL").substring("jdbc:".length()));
        assertThat(db.getHost()).isEqualTo("timescaledb");
        assertThat(db.getPath()).isEqualTo("/" + pg.path("environment").path("POSTGRES_DB").asText());
        assertThat(file.get("AGENTPULSE_DB_USER")).isEqualTo(pg.path("environment").path("POSTGRES_USER").asText());
    }

    /**
     * The broker is the Kafka the build uses, run with its default transaction.version, which is the
     * one the embedded broker of every test runs (KafkaOptionsTest ties that constant to Kafka's default).
     */
    @Test
    void theBrokerIsTheKafkaTheTestsRunWithTheTransactionVersionTheyRun() {
        JsonNode kafka = services.path("kafka");
        assertThat(kafka.path("image").asText()).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
        assertThat(KafkaOptions.TRANSACTION_VERSION)
                .isEqualTo(Feature.TRANSACTION_VERSION.defaultLevel(MetadataVersion.LATEST_PRODUCTION));
        List<String> overrides = new ArrayList<>();
        kafka.path("environment").fields().forEachRemaining(e -> {
            if (e.getKey().contains("TRANSACTION_VERSION") || e.getValue().asText().contains("transaction.version")) {
                overrides.add(e.getKey());
            }
        });
        assertThat(overrides).as("compose must not set another transaction.version than the tests run").isEmpty();
        assertThat(kafka.has("command") || kafka.has("entrypoint")).as("the image's own start-up formats the storage").isFalse();
    }

    @Test
    void prometheusScrapesEachServiceOnItsMetricsPort() {
        JsonNode prom = read("prometheus.yml");
        Map<String, Integer> expected = Map.of(
                "gateway", GatewayConfig.fromEnv(settings("gateway")).port(),
                "processor", ProcessorConfig.fromEnv(settings("processor")).adminPort(),
                "query-api", QueryConfig.fromEnv(settings("query-api")).port());
        Map<String, Integer> scraped = new HashMap<>();
        for (JsonNode job : prom.path("scrape_configs")) {
            JsonNode sd = job.path("dns_sd_configs").get(0);
            scraped.put(sd.path("names").get(0).asText(), sd.path("port").asInt());
        }
        assertThat(scraped).isEqualTo(expected);
        assertThat(services.has("prometheus")).isTrue();
        assertThat(services.path("prometheus").path("volumes").get(0).asText()).startsWith("./prometheus.yml:");
    }
}
