package io.agentpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedConfigTest {
    @Test
    void defaultsWhenNothingIsSet() {
        EmbeddedConfig c = EmbeddedConfig.fromEnv(Map.of());
        assertThat(c.dir()).isEmpty();
        assertThat(c.kafkaHeap()).isEqualTo("512m");
        assertThat(c.kafkaStartTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.pgStartTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.pgDurable()).isFalse();
        assertThat(c.topicPartitions()).isEqualTo(3);
    }

    @Test
    void readsEveryVariable() {
        EmbeddedConfig c = EmbeddedConfig.fromEnv(Map.of(
                "AGENTPULSE_EMBEDDED_DIR", "/tmp/x",
                "AGENTPULSE_EMBEDDED_KAFKA_HEAP", "1g",
                "AGENTPULSE_EMBEDDED_KAFKA_START_TIMEOUT_SECONDS", "30",
                "AGENTPULSE_EMBEDDED_PG_START_TIMEOUT_SECONDS", "20",
                "AGENTPULSE_EMBEDDED_PG_DURABLE", "yes",
                "AGENTPULSE_EMBEDDED_TOPIC_PARTITIONS", "6"));
        assertThat(c.dir()).contains(Path.of("/tmp/x"));
        assertThat(c.kafkaOptions().maxHeap()).isEqualTo("1g");
        assertThat(c.kafkaOptions().startTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.postgresOptions().startTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.postgresOptions().durable()).isTrue();
        assertThat(c.topicPartitions()).isEqualTo(6);
    }

    @Test
    void badValuesAreExplainedInAFullSentence() {
        assertThatThrownBy(() -> EmbeddedConfig.fromEnv(Map.of("AGENTPULSE_EMBEDDED_KAFKA_HEAP", "lots")))
                .hasMessage("AGENTPULSE_EMBEDDED_KAFKA_HEAP must be a JVM heap size such as 512m or 1g, but was 'lots'.");
        assertThatThrownBy(() -> EmbeddedConfig.fromEnv(Map.of("AGENTPULSE_EMBEDDED_TOPIC_PARTITIONS", "0")))
                .hasMessage("AGENTPULSE_EMBEDDED_TOPIC_PARTITIONS must be a whole number from 1 to 1000, but was '0'.");
        assertThatThrownBy(() -> EmbeddedConfig.fromEnv(Map.of("AGENTPULSE_EMBEDDED_PG_DURABLE", "maybe")))
                .hasMessage("AGENTPULSE_EMBEDDED_PG_DURABLE must be true or false, but was 'maybe'.");
        assertThatThrownBy(() -> EmbeddedConfig.fromEnv(Map.of("AGENTPULSE_EMBEDDED_KAFKA_START_TIMEOUT_SECONDS", "soon")))
                .hasMessageContaining("AGENTPULSE_EMBEDDED_KAFKA_START_TIMEOUT_SECONDS must be a whole number");
    }
}
