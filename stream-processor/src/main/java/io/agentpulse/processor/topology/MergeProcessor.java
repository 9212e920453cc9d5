package io.agentpulse.processor.topology;

import io.agentpulse.avro.WindowRollup;
import io.agentpulse.schemas.sketch.SketchCodec;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage 2 (one task, fed by a one-partition repartition topic): the groups model, operation and
 * all span input partitions, so each window's cumulative partials are kept per source partition
 * and merged (counters added, sketches merged) into the published WindowRollup. A window is final
 * once every source that contributed to it sent its final partial. Closed entries stay for
 * {@code keepClosed} (wall clock) so a partial from a lagging source still corrects the final.
 */
final class MergeProcessor implements Processor<String, byte[], String, WindowRollup> {
    private final PulseMetrics metrics;
    private final long keepClosedMs;
    private ProcessorContext<String, WindowRollup> context;
    private KeyValueStore<String, byte[]> store;

    MergeProcessor(PulseMetrics metrics, Duration keepClosed) {
        this.metrics = metrics;
        this.keepClosedMs = keepClosed.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, WindowRollup> context) {
        this.context = context;
        this.store = context.getStateStore(PulseTopology.MERGE_STORE);
        context.schedule(Duration.ofMinutes(1), PunctuationType.WALL_CLOCK_TIME, this::purge);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Bin.In in = new Bin.In(record.value());
        int source = (int) in.varLong();
        boolean isFinal = in.varLong() == 1;
        WindowKey key = WindowKey.decodeFrom(in);
        byte[] agg = in.rest();
        Entry entry = Entry.decode(store.get(record.key()), key);
        entry.put(source, isFinal, agg);
        long now = context.currentSystemTimeMs();
        boolean allFinal = entry.allFinal();
        if (allFinal && entry.closedAt == 0) {
            entry.closedAt = now;
        }
        store.put(record.key(), entry.encode());
        context.forward(new Record<>(record.key(), rollup(entry, allFinal, now), now));
        metrics.rollupEmitted();
    }

    private WindowRollup rollup(Entry entry, boolean isFinal, long now) {
        Aggregate sum = new Aggregate();
        for (Part p : entry.parts) {
            sum.merge(Aggregate.decodeFrom(new Bin.In(p.agg)));
        }
        WindowKey k = entry.key;
        return WindowRollup.newBuilder()
                .setGranularity(k.granularity().label()).setGrp(k.grp()).setAgentId(k.agent())
                .setModel(k.model()).setOperation(k.operation())
                .setWindowStart(Instant.ofEpochMilli(k.start())).setWindowEnd(Instant.ofEpochMilli(k.end()))
                .setIsFinal(isFinal).setCount(sum.count).setErrors(sum.errors)
                .setInputTokens(sum.inputTokens).setOutputTokens(sum.outputTokens)
                .setCachedInputTokens(sum.cachedTokens).setReasoningTokens(sum.reasoningTokens)
                .setCostUsd(sum.costUsd)
                .setLatencySketch(ByteBuffer.wrap(SketchCodec.encode(sum.latency)))
                .setTtftSketch(sum.ttft == null ? null : ByteBuffer.wrap(SketchCodec.encode(sum.ttft)))
                .setP50Ms(quantile(sum, 0.50)).setP95Ms(quantile(sum, 0.95)).setP99Ms(quantile(sum, 0.99))
                .setUpdatedAt(Instant.ofEpochMilli(now))
                .build();
    }

    private static Double quantile(Aggregate a, double q) {
        double v = SketchCodec.quantile(a.latency, q);
        return Double.isNaN(v) ? null : v;
    }

    private void purge(long wallClock) {
        List<String> gone = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                long closedAt = Entry.closedAt(kv.value);
                if (closedAt != 0 && closedAt + keepClosedMs <= wallClock) {
                    gone.add(kv.key);
                }
            }
        }
        gone.forEach(store::delete);
    }

    /** One source's latest cumulative partial. */
    private record Part(int source, boolean isFinal, byte[] agg) {}

    /** The stored state of one window: its key, when it closed (0 = open), the parts by source. */
    private static final class Entry {
        final WindowKey key;
        long closedAt;
        final List<Part> parts = new ArrayList<>();

        Entry(WindowKey key) {
            this.key = key;
        }

        static Entry decode(byte[] bytes, WindowKey key) {
            Entry e = new Entry(key);
            if (bytes == null) {
                return e;
            }
            Bin.In in = new Bin.In(bytes);
            e.closedAt = in.varLong();
            WindowKey.decodeFrom(in);
            for (long n = in.varLong(); n > 0; n--) {
                e.parts.add(new Part((int) in.varLong(), in.varLong() == 1, in.bytes()));
            }
            return e;
        }

        static long closedAt(byte[] bytes) {
            return new Bin.In(bytes).varLong();
        }

        void put(int source, boolean isFinal, byte[] agg) {
            parts.removeIf(p -> p.source == source);
            parts.add(new Part(source, isFinal, agg));
        }

        boolean allFinal() {
            return parts.stream().allMatch(Part::isFinal);
        }

        byte[] encode() {
            Bin.Out out = new Bin.Out().varLong(closedAt);
            key.encodeTo(out);
            out.varLong(parts.size());
            for (Part p : parts) {
                out.varLong(p.source).varLong(p.isFinal ? 1 : 0).bytes(p.agg);
            }
            return out.toBytes();
        }
    }
}
