package io.agentpulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.embedded.EmbeddedInfra;
import io.agentpulse.contract.registry.HttpSchemaRegistryClient;
import io.agentpulse.registry.RegistryServer;
import io.agentpulse.registry.RegistryServerOptions;
import io.agentpulse.contract.registry.RegistrySettings;
import io.agentpulse.contract.serde.AvroDeserializer;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract against a real KRaft broker and the platform's registry (basic auth on): what the client
 * wrote is read back by the platform's own deserializer into its generated AgentEvent.
 */
class ITKafkaTransport extends TransportContract {
    private static final String USER_INFO = "agent:registry-pw";
    private final String topic = "client-contract-" + UUID.randomUUID();
    private Vertx vertx;
    private String registryUrl;
    private KafkaConsumer<String, AgentEvent> consumer;
    private final List<PulseEvent> seen = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        RegistryServer registry = RegistryServer.start(vertx, 0, Files.createTempDirectory("client-registry"),
                RegistryServerOptions.NONE.withBasicAuth(USER_INFO)).toCompletionStage().toCompletableFuture().join();
        registryUrl = "http://127.0.0.1:" + registry.port();
        EmbeddedInfra.shared().createTopics(3, topic);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "g-" + topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        RegistrySettings reader = RegistrySettings.fromEnv(Map.of(RegistrySettings.URL, registryUrl, RegistrySettings.USER_INFO, USER_INFO));
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new AvroDeserializer<>(HttpSchemaRegistryClient.create(reader), AgentEvent.class));
        consumer.subscribe(List.of(topic));
    }

    @AfterEach
    void stop() {
        consumer.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private KafkaOptions.Builder options() {
        return KafkaOptions.builder(EmbeddedInfra.shared().bootstrapServers(), registryUrl).topic(topic)
                .property("client.id", "contract-agent");
    }

    @Override
    Transport transport() {
        return KafkaSupport.transport(options().registryBasicAuth(USER_INFO).build());
    }

    @Override
    List<PulseEvent> delivered() {
        for (ConsumerRecord<String, AgentEvent> r : consumer.poll(Duration.ofMillis(200))) {
            assertThat(r.key()).isEqualTo(r.value().getAgentId());
            seen.add(EventFieldTest.copy(r.value()));
        }
        return seen;
    }

    @Test
    void aRegistryRefusingTheCredentialsDropsTheBatchAndSaysWhatToSet() {
        AgentPulseRecorder pulse = AgentPulseRecorder.builder().kafka(options().registryBasicAuth("agent:wrong").build())
                .flushInterval(Duration.ofMillis(5)).build();
        pulse.record(pulse.event().setOperation("chat"));
        pulse.close();
        assertThat(pulse.stats().dropped()).isEqualTo(Map.of("rejected", 1L));
        assertThat(pulse.stats().lastError()).contains("refused the credentials (401)").contains("registryBasicAuth");
    }
}
