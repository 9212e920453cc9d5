package io.agentpulse.processor.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.WindowRollup;
import io.agentpulse.contract.Topics;
import io.agentpulse.registry.InMemorySchemaRegistryClient;
import io.agentpulse.contract.serde.AvroSerializer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sink loop's delivery rule: retry until written, commit only after; nothing lost or skipped. */
class SinkLoopTest {
    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InMemoryRollupSink rollups = new InMemoryRollupSink();
    private final InMemoryEventSink events = new InMemoryEventSink();
    private final AtomicBoolean databaseDown = new AtomicBoolean(true);
    private final TopicPartition rollupTp = new TopicPartition(Topics.ROLLUPS, 0);
    private final TopicPartition eventTp = new TopicPartition(Topics.EVENTS_ENRICHED, 0);
    private SinkLoop loop;

    @AfterEach
    void stop() {
        loop.close();
    }

    @Test
    void aFailingDatabaseIsRetriedAndOffsetsAreCommittedOnlyAfterTheWrite() {
        RollupSink flakyRollups = batch -> {
            if (databaseDown.get()) {
                throw new SinkException("connection refused", null);
            }
            rollups.upsert(batch);
        };
        loop = new SinkLoop(consumer, registry, flakyRollups, events, null, Clock.systemUTC(), meters);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(rollupTp, eventTp));
            consumer.updateBeginningOffsets(Map.of(rollupTp, 0L, eventTp, 0L));
            consumer.addRecord(record(rollupTp, 0, new AvroSerializer<WindowRollup>(registry).serialize(Topics.ROLLUPS,
                    SinkContract.snapshot("1m", 3, false))));
            consumer.addRecord(record(eventTp, 0, new AvroSerializer<AgentEvent>(registry).serialize(Topics.EVENTS_ENRICHED,
                    AgentEvent.newBuilder().setEventId("e1").setEventTime(Instant.EPOCH).setAgentId("a").build())));
        });
        Thread t = new Thread(loop, "sink-under-test");
        t.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.counter("agentpulse.sink.retries").count() >= 2);
        assertThat(loop.connected()).isFalse();
        assertThat(consumer.committed(Set.of(rollupTp, eventTp))).as("nothing committed while the write fails").isEmpty();

        databaseDown.set(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> rollups.size() == 1 && events.size() == 1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var committed = consumer.committed(Set.of(rollupTp, eventTp));
            assertThat(committed.get(rollupTp).offset()).isEqualTo(1);
            assertThat(committed.get(eventTp).offset()).isEqualTo(1);
        });
        assertThat(loop.connected()).isTrue();
    }

    private static ConsumerRecord<String, byte[]> record(TopicPartition tp, long offset, byte[] value) {
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, "k", value);
    }
}
