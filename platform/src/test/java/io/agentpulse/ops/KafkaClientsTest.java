package io.agentpulse.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {
    private static final Map<String, String> SASL = Map.of(
            "AGENTPULSE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
            "AGENTPULSE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
            "AGENTPULSE_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"svc\" password=\"s3cret-pw\";",
            "AGENTPULSE_KAFKA_SSL_TRUSTSTORE_PASSWORD", "store-pw");

    @Test
    void theSecurityAndBootstrapAlwaysWinOverTheCallersProperties() {
        Properties caller = new Properties();
        caller.put("bootstrap.servers", "elsewhere:9092");
        caller.put("security.protocol", "PLAINTEXT");
        caller.put("acks", "all");
        Map<String, Object> c = KafkaClients.of("k1:9093", SASL).config(caller);
        assertThat(c).containsEntry("bootstrap.servers", "k1:9093").containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("acks", "all")
                .containsEntry("ssl.truststore.password", "store-pw");
    }

    @Test
    void plaintextAddsOnlyTheBootstrapServers() {
        assertThat(KafkaClients.plaintext("k1:9092").config(Map.of("acks", "1")))
                .isEqualTo(Map.of("bootstrap.servers", "k1:9092", "acks", "1"));
    }

    @Test
    void theTextFormNeverHoldsAPassword() {
        KafkaClients kafka = KafkaClients.of("k1:9093", SASL);
        assertThat(kafka.toString()).isEqualTo("KafkaClients[k1:9093, KafkaSecurity[SASL_SSL, SCRAM-SHA-512]]")
                .doesNotContain("s3cret-pw").doesNotContain("store-pw");
        assertThat(kafka.security()).isEqualTo(KafkaSecurity.of(SASL)).isNotEqualTo(KafkaSecurity.NONE);
    }

    @Test
    void theStartCheckHasNothingToCheckOnPlaintext() {
        // No broker listens on port 1: a PLAINTEXT check must not even try (no credential to verify).
        KafkaClients.plaintext("127.0.0.1:1").verify(Duration.ofMinutes(1));
        KafkaClients.of("127.0.0.1:1", Map.of("AGENTPULSE_KAFKA_SECURITY_PROTOCOL", "plaintext")).verify(Duration.ofMinutes(1));
    }
}
