package io.agentpulse.bench;

import com.sun.management.ThreadMXBean;
import io.agentpulse.avro.WindowRollup;
import io.agentpulse.contract.registry.SchemaRegistryClient;
import io.agentpulse.processor.config.ProcessorConfig;
import io.agentpulse.processor.topology.CoreStages;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The processor's two stages driven on this thread with no broker (for CoreCostProbe): each stage has
 * its own MockProcessorContext and in-memory stores (changelogging off: there is no runtime to send
 * it; no dedup store: Kafka's window stores need its runtime, and dedup is Kafka's code, not ours), its wall-clock punctuations fired as simulated time passes, and its commit hooks run every
 * commit interval. Stage 1's deltas are handed to stage 2 after each step. Thread CPU time and
 * allocated bytes are summed per stage around the processor calls only, so generating and encoding
 * the input events is never counted.
 */
final class ProbeStages {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final MockProcessorContext<Object, Object> ctx1 = new MockProcessorContext<>();
    private final MockProcessorContext<String, WindowRollup> ctx2 = new MockProcessorContext<>();
    private final Processor<byte[], byte[], Object, Object> stage1;
    private final Processor<String, byte[], String, WindowRollup> stage2;
    private final List<StateStore> stores1;
    private final List<StateStore> stores2;
    private final Clock clock1 = new Clock();
    private final Clock clock2 = new Clock();
    long cpu1Ns;
    long cpu2Ns;
    long alloc1Bytes;
    long alloc2Bytes;
    long partials;
    long rollups;

    ProbeStages(ProcessorConfig config, SchemaRegistryClient registry, long startMs) {
        ctx1.setCurrentSystemTimeMs(startMs);
        ctx2.setCurrentSystemTimeMs(startMs);
        stores1 = addStores(ctx1, config);
        stores2 = addStores(ctx2, config);
        stage1 = CoreStages.stage1(config, registry);
        stage2 = CoreStages.stage2(config);
        stage1.init(ctx1);
        stage2.init(ctx2);
        clock1.start(ctx1, startMs);
        clock2.start(ctx2, startMs);
    }

    private static List<StateStore> addStores(MockProcessorContext<?, ?> ctx, ProcessorConfig config) {
        List<StateStore> out = new ArrayList<>();
        CoreStages.stores(config).forEach(b -> {
            StateStore s = b.withLoggingDisabled().build();
            if (s instanceof org.apache.kafka.streams.state.WindowStore<?, ?>) {
                return; // the dedup store needs Kafka Streams internals: the probe runs with dedup off
            }
            s.init(ctx.getStateStoreContext(), s);
            ctx.addStateStore(s);
            out.add(s);
        });
        return out;
    }

    /**
     * One commit interval: {@code values} (encoded events completed at {@code times}, in order) into
     * stage 1, its punctuations due by {@code nowMs}, its commit; then its deltas into stage 2, whose
     * punctuations and commit follow.
     */
    void step(byte[][] values, long[] times, int n, long nowMs) {
        long c = THREADS.getCurrentThreadCpuTime();
        long a = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            ctx1.setCurrentSystemTimeMs(times[i]);
            stage1.process(new Record<>(null, values[i], times[i]));
        }
        ctx1.setCurrentSystemTimeMs(nowMs);
        clock1.fireDue(nowMs);
        stores1.forEach(CoreStages::beforeCommit);
        cpu1Ns += THREADS.getCurrentThreadCpuTime() - c;
        alloc1Bytes += THREADS.getCurrentThreadAllocatedBytes() - a;
        List<Record<String, byte[]>> deltas = new ArrayList<>();
        for (MockProcessorContext.CapturedForward<?, ?> f : ctx1.forwarded()) {
            byte[] p = CoreStages.partial(f.record().value());
            if (p != null) {
                deltas.add(new Record<>((String) f.record().key(), p, f.record().timestamp()));
            }
        }
        ctx1.resetForwards();
        partials += deltas.size();
        c = THREADS.getCurrentThreadCpuTime();
        a = THREADS.getCurrentThreadAllocatedBytes();
        ctx2.setCurrentSystemTimeMs(nowMs);
        deltas.forEach(stage2::process);
        clock2.fireDue(nowMs);
        stores2.forEach(CoreStages::beforeCommit);
        cpu2Ns += THREADS.getCurrentThreadCpuTime() - c;
        alloc2Bytes += THREADS.getCurrentThreadAllocatedBytes() - a;
        rollups += ctx2.forwarded().size();
        ctx2.resetForwards();
    }

    void resetCounters() {
        cpu1Ns = cpu2Ns = alloc1Bytes = alloc2Bytes = partials = rollups = 0;
    }

    /** Fires a context's wall-clock punctuators as simulated time reaches them, each at its own interval. */
    private static final class Clock {
        private final List<MockProcessorContext.CapturedPunctuator> punctuators = new ArrayList<>();
        private long[] next;

        void start(MockProcessorContext<?, ?> ctx, long startMs) {
            punctuators.addAll(ctx.scheduledPunctuators());
            next = new long[punctuators.size()];
            for (int i = 0; i < next.length; i++) {
                next[i] = startMs + punctuators.get(i).getInterval().toMillis();
            }
        }

        void fireDue(long nowMs) {
            for (int i = 0; i < next.length; i++) {
                while (next[i] <= nowMs) {
                    punctuators.get(i).getPunctuator().punctuate(next[i]);
                    next[i] += punctuators.get(i).getInterval().toMillis();
                }
            }
        }
    }
}
