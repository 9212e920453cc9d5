package io.agentpulse.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.ingest.limits.LimitsConfig;
import io.agentpulse.ops.ConfigException;
import io.agentpulse.ops.Settings;
import io.agentpulse.ops.KafkaSecurity;
import io.agentpulse.contract.registry.RegistrySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {

    @Test
    void defaults() {
        GatewayConfig c = GatewayConfig.defaults();
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(4318);
        assertThat(c.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(c.registry().url()).isEqualTo("http://127.0.0.1:8081");
        assertThat(c.maxBodyBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(c.maxFuture()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.maxPast()).isEqualTo(Duration.ofDays(7));
        assertThat(c.sendTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.retryAfterSeconds()).isEqualTo(5);
        assertThat(c.maxInFlight()).isEqualTo(256);
        assertThat(c.topicPartitions()).isEqualTo(3);
        assertThat(c.topicReplication()).isEqualTo((short) 1);
    }

    @Test
    void readsEveryVariable() {
        GatewayConfig c = GatewayConfig.fromEnv(Map.ofEntries(
                Map.entry("AGENTPULSE_GATEWAY_HOST", "127.0.0.1"),
                Map.entry("AGENTPULSE_GATEWAY_PORT", "14318"),
                Map.entry("AGENTPULSE_KAFKA_BOOTSTRAP", "k1:9092,k2:9092"),
                Map.entry("AGENTPULSE_REGISTRY_URL", "http://reg:8081"),
                Map.entry("AGENTPULSE_GATEWAY_MAX_BODY_BYTES", "1048576"),
                Map.entry("AGENTPULSE_GATEWAY_MAX_FUTURE", "30s"),
                Map.entry("AGENTPULSE_GATEWAY_MAX_PAST", "2d"),
                Map.entry("AGENTPULSE_GATEWAY_SEND_TIMEOUT", "3s"),
                Map.entry("AGENTPULSE_GATEWAY_RETRY_AFTER_SECONDS", "2"),
                Map.entry("AGENTPULSE_GATEWAY_MAX_IN_FLIGHT", "10"),
                Map.entry("AGENTPULSE_KAFKA_PARTITIONS", "6"),
                Map.entry("AGENTPULSE_KAFKA_REPLICATION", "3")));
        assertThat(c).isEqualTo(new GatewayConfig("127.0.0.1", 14318, "k1:9092,k2:9092",
                RegistrySettings.fromEnv(Map.of(RegistrySettings.URL, "http://reg:8081")), 1048576,
                Duration.ofSeconds(30), Duration.ofDays(2), Duration.ofSeconds(3), 2, 10, 6, (short) 3,
                GatewaySecurityConfig.defaults(), LimitsConfig.defaults(), GatewayDbConfig.fromEnv(Map.of()), KafkaSecurity.NONE,
                io.agentpulse.contract.Dimensions.fromEnv(Map.of())));
    }

    @Test
    void badValuesAreNamedInAFullSentence() {
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("AGENTPULSE_GATEWAY_PORT", "http")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("AGENTPULSE_GATEWAY_PORT is set to \"http\"")
                .hasMessageEndingWith(".");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("AGENTPULSE_GATEWAY_PORT", "70000")))
                .hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("AGENTPULSE_GATEWAY_MAX_PAST", "a week")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AGENTPULSE_GATEWAY_MAX_PAST");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("AGENTPULSE_GATEWAY_SEND_TIMEOUT", "10ms")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("AGENTPULSE_GATEWAY_SEND_TIMEOUT is 10 ms, which is too short; Kafka needs at least 1s "
                        + "to acknowledge a batch.");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("AGENTPULSE_GATEWAY_MAX_BODY_BYTES", "12")))
                .hasMessageContaining("AGENTPULSE_GATEWAY_MAX_BODY_BYTES");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of(RegistrySettings.USER_INFO, "nocolonsecret")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("AGENTPULSE_REGISTRY_BASIC_AUTH_USER_INFO must be user:password")
                .message().doesNotContain("nocolonsecret");
    }

    /** GatewayMain builds its config from Settings.process(): the environment over AGENTPULSE_CONFIG_FILE. */
    @Test
    void limitsKeyDatabaseAndKafkaSecurityComeFromTheConfigFileToo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("agentpulse.env");
        Files.writeString(file, """
                AGENTPULSE_GATEWAY_RATE_PER_KEY=7
                AGENTPULSE_GATEWAY_MAX_KEYS=12
                AGENTPULSE_DB_URL=jdbc:postgresql://keys.internal:6543/pulse
                AGENTPULSE_KAFKA_SECURITY_PROTOCOL=sasl_ssl
                """);

        GatewayConfig c = GatewayConfig.fromEnv(Settings.load(Map.of(Settings.CONFIG_FILE, file.toString(),
                "AGENTPULSE_GATEWAY_MAX_KEYS", "13")));

        assertThat(c.limits().ratePerKey()).isEqualTo(7);
        assertThat(c.limits().maxKeys()).as("the environment wins over the file").isEqualTo(13);
        assertThat(c.db().host()).isEqualTo("keys.internal");
        assertThat(c.kafkaSecurity().clientProperties()).containsEntry("security.protocol", "SASL_SSL");
    }
}
