package io.agentpulse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void fileValuesAreOverlaidByTheEnvironment() throws IOException {
        Path file = dir.resolve("agentpulse.env");
        Files.writeString(file, """
                # comment
                AGENTPULSE_KAFKA_BOOTSTRAP=broker-1:9092,broker-2:9092
                export AGENTPULSE_QUERY_PORT="9000"
                AGENTPULSE_DB_USER='pulse'
                OTHER=ignored

                """);
        Map<String, String> s = Settings.load(Map.of(Settings.CONFIG_FILE, file.toString(), "AGENTPULSE_DB_USER", "env-wins"));
        assertThat(s).containsEntry("AGENTPULSE_KAFKA_BOOTSTRAP", "broker-1:9092,broker-2:9092")
                .containsEntry("AGENTPULSE_QUERY_PORT", "9000")
                .containsEntry("AGENTPULSE_DB_USER", "env-wins")
                .doesNotContainKey("OTHER");
    }

    @Test
    void withoutAFileTheEnvironmentIsUsedAsIs() {
        assertThat(Settings.load(Map.of("AGENTPULSE_X", "1"))).isEqualTo(Map.of("AGENTPULSE_X", "1"));
    }

    @Test
    void aMissingFileOrABadLineIsAFullSentence() throws IOException {
        assertThatThrownBy(() -> Settings.load(Map.of(Settings.CONFIG_FILE, dir.resolve("nope").toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot be read");
        Path bad = dir.resolve("bad.env");
        Files.writeString(bad, "AGENTPULSE_A=1\nnot a setting\n");
        assertThatThrownBy(() -> Settings.load(Map.of(Settings.CONFIG_FILE, bad.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Line 2").hasMessageContaining("KEY=VALUE");
    }

    @Test
    void kafkaSecurityMapsToClientProperties() {
        Map<String, Object> p = KafkaSecurity.properties(Map.of(
                "AGENTPULSE_KAFKA_SECURITY_PROTOCOL", "sasl_ssl",
                "AGENTPULSE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "AGENTPULSE_KAFKA_SASL_JAAS_CONFIG", "x required;",
                "AGENTPULSE_KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", ""));
        assertThat(p).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "x required;").containsEntry("ssl.endpoint.identification.algorithm", "");
        assertThat(KafkaSecurity.properties(Map.of())).isEmpty();
        assertThatThrownBy(() -> KafkaSecurity.properties(Map.of("AGENTPULSE_KAFKA_SECURITY_PROTOCOL", "TLS")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SASL_SSL");
    }

    @Test
    void namesReadAreTheNamesABuildLooksUp() {
        assertThat(Settings.namesRead(vars -> {
            Env env = Env.of(vars);
            return env.integer("AGENTPULSE_A", 1, 0, 9) + env.string("AGENTPULSE_B", "") + vars.get("AGENTPULSE_C");
        })).containsExactly("AGENTPULSE_A", "AGENTPULSE_B", "AGENTPULSE_C");
    }

    @Test
    void hiddenValuesStayOutOfToStringButNotOutOfTheMap() {
        Map<String, Object> m = Settings.hidingValues(Map.of("sasl.jaas.config", "password=\"s3cret\""));
        assertThat(m).containsEntry("sasl.jaas.config", "password=\"s3cret\"").isEqualTo(Map.of("sasl.jaas.config", "password=\"s3cret\""));
        assertThat(m.toString()).contains("sasl.jaas.config").doesNotContain("s3cret");
    }
}
