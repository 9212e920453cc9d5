package io.agentpulse.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

class KafkaOptionsTest {
    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"agent\" password=\"s3cret\";";

    /** Sees the configuration the producer was really built with (Kafka hands it to interceptors). */
    public static final class SeenConfig implements ProducerInterceptor<Object, Object> {
        static final AtomicReference<Map<String, Object>> SEEN = new AtomicReference<>();

        @Override
        public void configure(Map<String, ?> configs) {
            SEEN.set(Map.copyOf(configs));
        }

        @Override
        public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> r) {
            return r;
        }

        @Override
        public void onAcknowledgement(RecordMetadata m, Exception e) {}

        @Override
        public void close() {}
    }

    @Test
    void theAgentsSecurityPropertiesReachTheProducer() {
        KafkaOptions options = KafkaOptions.builder("127.0.0.1:1", "https://registry.example:8081")
                .properties(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN", "sasl.jaas.config", JAAS,
                        "ssl.endpoint.identification.algorithm", "https", "client.id", "support-bot"))
                .property("interceptor.classes", SeenConfig.class.getName()).build();
        Map<String, Object> config = KafkaTransport.producerConfig(options);
        // A real producer (it connects to nothing until it sends; 127.0.0.1:1 refuses at once if it tries).
        try (Producer<String, byte[]> producer = KafkaTransport.newProducer(config)) {
            assertThat(SeenConfig.SEEN.get()).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
                    .containsEntry("sasl.jaas.config", JAAS).containsEntry("ssl.endpoint.identification.algorithm", "https")
                    .containsEntry("client.id", "support-bot").containsEntry("bootstrap.servers", "127.0.0.1:1")
                    .containsEntry("acks", "all").containsEntry("enable.idempotence", true);
        }
        assertThat(options.toString()).doesNotContain("s3cret");
    }

    @Test
    void theAgentsPropertiesWinOverTheDefaults() {
        Map<String, Object> config = KafkaTransport.producerConfig(KafkaOptions.builder("b:9092", "http://r:8081")
                .property("compression.type", "zstd").build());
        assertThat(config).containsEntry("compression.type", "zstd").containsEntry("acks", "all");
    }

    @Test
    void badOptionsAreRefusedWithASentence() {
        assertThatThrownBy(() -> KafkaOptions.builder("b:9092", "http://r:8081").property("value.serializer", "x"))
                .hasMessageContaining("value.serializer is set by the Agent Pulse transport itself");
        assertThatThrownBy(() -> KafkaOptions.builder(" ", "http://r:8081")).hasMessageContaining("bootstrap servers are empty");
        assertThatThrownBy(() -> KafkaOptions.builder("b:9092", "registry:8081")).hasMessageContaining("expected http://host:port");
        assertThatThrownBy(() -> KafkaOptions.builder("b:9092", "http://u:pw@r:8081")).hasMessageContaining("contains a user and password")
                .message().doesNotContain("pw");
        assertThatThrownBy(() -> KafkaOptions.builder("b:9092", "http://r:8081").registryBasicAuth("secret"))
                .hasMessageContaining("no colon").message().doesNotContain("secret\"");
    }
}
