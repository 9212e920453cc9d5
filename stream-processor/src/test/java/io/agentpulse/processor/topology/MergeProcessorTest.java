package io.agentpulse.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.WindowRollup;
import io.agentpulse.processor.Granularity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stage 2 merges the partials of several input partitions; TopologyTestDriver has only one. */
class MergeProcessorTest {
    private static final WindowKey KEY = new WindowKey(Granularity.MINUTE, "all", "*", "*", "*", 60_000);
    private MockProcessorContext<String, WindowRollup> context;
    private MergeProcessor processor;

    @BeforeEach
    void setUp() {
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(1_000L);
        KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(PulseTopology.MERGE_STORE), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        processor = new MergeProcessor(new PulseMetrics(new SimpleMeterRegistry()), Duration.ofMinutes(5));
        processor.init(context);
    }

    private void partial(int source, boolean isFinal, double... latencies) {
        Aggregate a = new Aggregate();
        for (double l : latencies) {
            a.add(AgentEvent.newBuilder().setEventId("x").setEventTime(Instant.EPOCH).setAgentId("a")
                    .setLatencyMs(l).setInputTokens(10L).build(), 0.5);
        }
        Bin.Out out = new Bin.Out().varLong(source).varLong(isFinal ? 1 : 0);
        KEY.encodeTo(out);
        a.encodeTo(out);
        processor.process(new Record<>(KEY.key(), out.toBytes(), 0L));
    }

    private WindowRollup last() {
        List<MockProcessorContext.CapturedForward<? extends String, ? extends WindowRollup>> f = context.forwarded();
        return f.get(f.size() - 1).record().value();
    }

    @Test
    void partialsOfDifferentSourcesAddUpAndTheLatestPerSourceWins() {
        partial(0, false, 10, 20);
        partial(1, false, 30);
        assertThat(last().getCount()).isEqualTo(3);
        partial(0, false, 10, 20, 40); // cumulative: replaces source 0's earlier partial
        WindowRollup r = last();
        assertThat(r.getCount()).isEqualTo(4);
        assertThat(r.getInputTokens()).isEqualTo(40);
        assertThat(r.getCostUsd()).isEqualTo(2.0);
        assertThat(r.getIsFinal()).isFalse();
        assertThat(r.getWindowEnd().toEpochMilli()).isEqualTo(120_000);
    }

    @Test
    void finalOnlyWhenEveryContributingSourceIsFinal() {
        partial(0, true, 10);
        assertThat(last().getIsFinal()).as("only source 0 contributed so far").isTrue();
        partial(1, false, 20);
        assertThat(last().getIsFinal()).isFalse();
        partial(1, true, 20);
        assertThat(last().getIsFinal()).isTrue();
        assertThat(last().getCount()).isEqualTo(2);
    }
}
