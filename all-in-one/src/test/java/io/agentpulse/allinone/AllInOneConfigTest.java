package io.agentpulse.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.ops.ConfigException;
import io.agentpulse.ops.Settings;
import io.agentpulse.contract.registry.RegistrySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The all-in-one's settings: every service's, read and validated before anything starts (no network here). */
class AllInOneConfigTest {
    private static final String[] NO_ARGS = {};

    @TempDir
    Path dir;

    @Test
    void servicesGetTheEmbeddedRegistryWithoutCredentialsMeantForAnExternalOne() {
        AllInOneConfig config = AllInOneConfig.fromEnv(Map.of(RegistrySettings.URL, "https://reg.example",
                RegistrySettings.USER_INFO, "key:secret", RegistrySettings.CA_FILE, "/etc/ca.pem"));

        Map<String, String> env = config.serviceEnv("127.0.0.1:9092", "http://127.0.0.1:8081", "jdbc:postgresql://h/db", "u", "p");

        RegistrySettings registry = RegistrySettings.fromEnv(env);
        assertThat(registry.url()).isEqualTo("http://127.0.0.1:8081");
        assertThat(registry.basicAuth()).isFalse();
        assertThat(registry.caFile()).isEmpty();
        assertThat(ServiceConfigs.build(env).gateway().registry()).isEqualTo(registry);
    }

    @Test
    void aMalformedBootstrapIngestKeyIsRejectedBeforeAnythingStarts() {
        String secret = "apk_not-a-real-key";

        // AllInOneMain reads the settings this way and exits with the message before it starts any server.
        assertThatThrownBy(() -> AllInOneMain.config(NO_ARGS, Map.of("AGENTPULSE_BOOTSTRAP_INGEST_KEY", secret)))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.variable()).isEqualTo("AGENTPULSE_BOOTSTRAP_INGEST_KEY"))
                .hasMessageStartingWith("AGENTPULSE_BOOTSTRAP_INGEST_KEY is set but does not look like an Agent Pulse key")
                .hasMessageEndingWith(".")
                .message().doesNotContain(secret);
    }

    /** One wrong setting of each service the all-in-one runs. */
    @ParameterizedTest
    @CsvSource({
            "AGENTPULSE_PROCESSOR_GRANULARITIES, 2m",
            "AGENTPULSE_NOTIFIER_MAX_ATTEMPTS, 0",
            "AGENTPULSE_PROCESSOR_STANDBY_REPLICAS, 11",
            "AGENTPULSE_GATEWAY_RATE_PER_KEY, fast",
            "AGENTPULSE_HEALTH_ERROR_RED, 2",
            "AGENTPULSE_SSE_MAX_CLIENTS, 0",
            "AGENTPULSE_KAFKA_SECURITY_PROTOCOL, TLS"})
    void everyServicesSettingsAreValidatedUpFront(String variable, String value) {
        assertThatThrownBy(() -> AllInOneMain.config(NO_ARGS, Map.of(variable, value)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.variable()).isEqualTo(variable))
                .hasMessageContaining(variable).hasMessageEndingWith(".");
    }

    @Test
    void valuesGivenOnlyInTheConfigFileReachTheRunningConfiguration() throws IOException {
        Path file = dir.resolve("agentpulse.env");
        Files.writeString(file, """
                AGENTPULSE_GATEWAY_RATE_PER_KEY=7
                AGENTPULSE_HEALTH_ERROR_RED=0.3
                AGENTPULSE_ALERTS_ENABLED=false
                AGENTPULSE_PROCESSOR_STANDBY_REPLICAS=2
                AGENTPULSE_PROCESSOR_SESSION_TIMEOUT=20s
                AGENTPULSE_GATEWAY_MAX_BATCH_EVENTS=500
                AGENTPULSE_DEMO_AGENTS=3
                """);

        AllInOneConfig config = AllInOneMain.config(NO_ARGS, Map.of(Settings.CONFIG_FILE, file.toString(),
                "AGENTPULSE_GATEWAY_MAX_BATCH_EVENTS", "900"));
        // what AllInOne starts the services with, once the embedded servers run
        ServiceConfigs running = ServiceConfigs.build(config.serviceEnv("127.0.0.1:40001", "http://127.0.0.1:40002",
                "jdbc:postgresql://127.0.0.1:40003/agentpulse", "agentpulse", "pw"));

        for (ServiceConfigs services : new ServiceConfigs[] {config.services(), running}) {
            assertThat(services.gateway().limits().ratePerKey()).isEqualTo(7);
            assertThat(services.gateway().limits().maxBatchEvents()).as("the environment wins over the file").isEqualTo(900);
            assertThat(services.query().dashboard().errorRed()).isEqualTo(0.3);
            assertThat(services.processor().alerts().enabled()).isFalse();
            assertThat(services.processor().standbyReplicas()).isEqualTo(2);
            assertThat(services.processor().sessionTimeout()).isEqualTo(Duration.ofSeconds(20));
        }
        assertThat(config.demoAgents()).isEqualTo(3);
        assertThat(running.processor().bootstrapServers()).isEqualTo("127.0.0.1:40001");
        assertThat(running.gateway().db().port()).isEqualTo(40003);
        assertThat(running.query().dbPort()).isEqualTo(40003);
    }

    @Test
    void flagsWinOverTheConfigFile() throws IOException {
        Path file = dir.resolve("agentpulse.env");
        Files.writeString(file, "AGENTPULSE_DEMO_AGENTS=3\n");

        AllInOneConfig config = AllInOneMain.config(new String[] {"--demo-agents", "9"},
                Map.of(Settings.CONFIG_FILE, file.toString()));

        assertThat(config.demoAgents()).isEqualTo(9);
    }
}
