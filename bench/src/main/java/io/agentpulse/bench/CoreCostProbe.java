package io.agentpulse.bench;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.contract.Topics;
import io.agentpulse.contract.serde.AvroSerializer;
import io.agentpulse.processor.config.ProcessorConfig;
import io.agentpulse.registry.InMemorySchemaRegistryClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The stream processor's own CPU per event, offline (issue 12): stage 1 and stage 2 driven directly on
 * one thread (ProbeStages: no broker, no producer, no changelog sends, no alert evaluation, stores in
 * memory, dedup off), 1000 agents x 10 models x 3 operations, events in completion-time order at a simulated
 * rate, with 1m only and with all six granularities. Thread CPU time per million events by stage, so
 * a change to the hot paths is measured in seconds on an idle core instead of a broker run; the
 * broker benches (SteadyBench, GranularityCostBench) stay the figures that count.
 * Run: {@code java -Xmx2g -cp bench/target/bench.jar io.agentpulse.bench.CoreCostProbe [--events 1000000]
 * [--warmup-events 300000] [--rate 10000]}.
 */
public final class CoreCostProbe {
    private static final List<String> RUNS = List.of("1m", "1m,5m,1h,1d,1w,4w");
    private static final int AGENTS = 1000;
    private static final int MODELS = 10;
    private static final String[] OPS = {"chat", "execute_tool", "embeddings"};
    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private CoreCostProbe() {}

    /** One run's figures: CPU-s and allocated bytes per event of each stage, records between and out. */
    record Result(String granularities, double stage1Cpu, double stage2Cpu, double stage1Alloc, double stage2Alloc,
                  double partials, double rollups) {
        double total() {
            return stage1Cpu + stage2Cpu;
        }
    }

    public static void main(String[] args) {
        Map<String, String> opts = SteadyBench.options(args);
        int events = Integer.parseInt(opts.getOrDefault("--events", "1000000"));
        int warmup = Integer.parseInt(opts.getOrDefault("--warmup-events", "300000"));
        int rate = Integer.parseInt(opts.getOrDefault("--rate", "10000"));
        String loadAtStart = Machine.loadAverage();
        run(RUNS.get(RUNS.size() - 1), warmup, 0, rate); // JIT warm-up on a throwaway pair: the first run measured high
        List<Result> results = new ArrayList<>();
        for (String g : RUNS) {
            results.add(run(g, events, warmup, rate));
        }
        String body = render(events, warmup, rate, results, loadAtStart, Machine.loadAverage());
        System.out.println(body);
        BenchReadme.write("core-cost", "java -Xmx2g -cp bench/target/bench.jar io.agentpulse.bench.CoreCostProbe "
                + String.join(" ", args), body);
    }

    /** A fresh pair of stages; the warm-up events first (not counted), then the measured ones. */
    static Result run(String granularities, int events, int warmup, int rate) {
        Map<String, String> env = new HashMap<>(Map.of("AGENTPULSE_PROCESSOR_GRANULARITIES", granularities,
                "AGENTPULSE_PROCESSOR_DEDUP_HORIZON", "0s", "AGENTPULSE_PROCESSOR_ROLLUP_STORE", "memory"));
        ProcessorConfig config = ProcessorConfig.fromEnv(env);
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        AvroSerializer<AgentEvent> serializer = new AvroSerializer<>(registry);
        ProbeStages stages = new ProbeStages(config, registry, T0);
        long commitMs = config.commitInterval().toMillis();
        int perStep = (int) Math.max(1, rate * commitMs / 1000);
        byte[][] values = new byte[perStep][];
        long[] times = new long[perStep];
        SplittableRandom r = new SplittableRandom(42);
        long total = (long) warmup + events;
        for (long i = 0; i < total; i += perStep) {
            if (i == warmup) {
                stages.resetCounters();
            }
            int n = (int) Math.min(perStep, total - i);
            for (int j = 0; j < n; j++) {
                times[j] = T0 + (i + j) * 1000 / rate; // completion time: in order, at the simulated rate
                values[j] = serializer.serialize(Topics.EVENTS, event(i + j, times[j], r));
            }
            stages.step(values, times, n, times[n - 1]);
        }
        double m = events / 1e6;
        return new Result(granularities, stages.cpu1Ns / 1e9 / m, stages.cpu2Ns / 1e9 / m,
                stages.alloc1Bytes / (double) events, stages.alloc2Bytes / (double) events,
                stages.partials / m, stages.rollups / m);
    }

    /** Event i of a uniformly drawn series, completed at {@code completionMs} (started one latency before). */
    private static AgentEvent event(long i, long completionMs, SplittableRandom r) {
        String agent = "probe-agent-" + r.nextInt(AGENTS);
        String model = "model-" + r.nextInt(MODELS);
        String op = OPS[r.nextInt(OPS.length)];
        double latency = BenchEvents.latency(r);
        Instant start = Instant.ofEpochMilli(completionMs - (long) Math.ceil(latency));
        return BenchEvents.event("probe-" + i, agent, model, op, start, Math.ceil(latency), i, r);
    }

    private static String render(int events, int warmup, int rate, List<Result> r, String loadStart, String loadEnd) {
        double ratio = r.get(1).total() / r.get(0).total();
        StringBuilder sb = new StringBuilder(String.format("**Summary: stage 1 + stage 2 CPU per event, all six granularities %.1f "
                + "CPU-s per 1M events, 1m only %.1f; ratio %.2f (target within 1.10).**%n%n", r.get(1).total(), r.get(0).total(), ratio));
        sb.append(String.format("Offline, one thread, no broker: stage 1 and stage 2 processors with MockProcessorContext and in-memory "
                + "stores (no changelog sends, no produce, no alert evaluation, dedup off), processor defaults otherwise "
                + "(dimensions, emit 1 s, series every 10 s, commit hooks every commit interval). 1000 agents x 10 models x "
                + "3 operations drawn uniformly, %,d events in completion-time order at a simulated %,d events/s, each run after %,d warm-up "
                + "events (and one throwaway run of as many first, for the JIT); thread CPU time (ThreadMXBean) around the processor calls only. Load average %s at the start, %s at the end.%n%n",
                events, rate, warmup, loadStart, loadEnd));
        List<List<String>> rows = new ArrayList<>();
        for (Result x : r) {
            rows.add(List.of("`" + x.granularities() + "`", f(x.stage1Cpu()), f(x.stage2Cpu()), f(x.total()),
                    String.format("%.0f / %.0f", x.stage1Alloc(), x.stage2Alloc()),
                    String.format("%,.0f", x.partials()), String.format("%,.0f", x.rollups())));
        }
        return sb.append(BenchReadme.table(List.of("granularities", "stage 1 CPU-s per 1M", "stage 2 CPU-s per 1M", "total CPU-s per 1M",
                "allocated B per event (stage 1 / 2)", "deltas to stage 2 per 1M", "rollups out per 1M"), rows)).toString();
    }

    private static String f(double v) {
        return String.format("%.1f", v);
    }
}
