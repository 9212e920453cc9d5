package io.agentpulse.query.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentpulse.avro.WindowRollup;
import io.agentpulse.embedded.EmbeddedInfra;
import io.agentpulse.contract.Topics;
import io.agentpulse.registry.InMemorySchemaRegistryClient;
import io.agentpulse.contract.serde.AvroSerializer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The Kafka feed against a real broker: starts at the end, decodes Avro, skips garbage. */
class KafkaRollupFeedIT {
    @Test
    void tailsTheRollupsTopicFromItsEnd() throws Exception {
        EmbeddedInfra infra = EmbeddedInfra.shared();
        infra.recreateTopics(2, Topics.ROLLUPS);
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        try (KafkaProducer<String, WindowRollup> avro = new KafkaProducer<>(props, new StringSerializer(), new AvroSerializer<>(registry));
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            WindowRollup before = TestRollups.rollup("all", "*", 0, 1);
            avro.send(new ProducerRecord<>(Topics.ROLLUPS, RollupFrames.key(before), before)).get();
            List<WindowRollup> got = new CopyOnWriteArrayList<>();
            try (KafkaRollupFeed feed = new KafkaRollupFeed(io.agentpulse.ops.KafkaClients.plaintext(infra.bootstrapServers()), registry, meters)) {
                feed.start(got::add);
                await().atMost(Duration.ofSeconds(60)).until(feed::ready);
                String key = "1m|all|*|*|*|60000";
                raw.send(new ProducerRecord<>(Topics.ROLLUPS, key, new byte[] {1, 2, 3})).get();
                for (long c = 1; c <= 3; c++) {
                    WindowRollup r = TestRollups.rollup("all", "*", 60_000, c);
                    avro.send(new ProducerRecord<>(Topics.ROLLUPS, key, r)).get();
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> got.size() == 3);
                assertThat(got).extracting(WindowRollup::getCount).containsExactly(1L, 2L, 3L);
                assertThat(meters.counter("agentpulse_sse_feed_records_total", "outcome", "undecodable").count()).isEqualTo(1.0);
            }
        }
    }
}
