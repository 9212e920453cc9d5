package io.agentpulse.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-event cost of the slicing dimensions (issue 15, point 1): the same steady offered rate on fresh
 * all-in-ones (all six granularities) with no dimension, the three built-ins, and the built-ins plus
 * one custom attribute; CPU-s per million events of the stream threads, the sink and the whole JVM,
 * each beside the run without dimensions. Events carry an environment per agent (9 in 10 prod), a tool
 * name on tool calls and a team attribute (20 teams), as BenchEvents makes them.
 * Run: {@code java -cp bench/target/bench.jar io.agentpulse.bench.DimensionCostBench [--rate 3000]
 * [--seconds 60] [--warmup-seconds 60]}.
 */
public final class DimensionCostBench {
    private static final List<String> RUNS = List.of("none", "environment,provider,tool_name", "environment,provider,tool_name,team");

    private DimensionCostBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = SteadyBench.options(args);
        int rate = Integer.parseInt(opts.getOrDefault("--rate", "3000"));
        int seconds = Integer.parseInt(opts.getOrDefault("--seconds", "60"));
        int warmup = Integer.parseInt(opts.getOrDefault("--warmup-seconds", "60"));
        String loadAtStart = Machine.loadAverage();
        List<SteadyRun.Result> results = new ArrayList<>();
        for (String dims : RUNS) {
            results.add(SteadyBench.session(Map.of("AGENTPULSE_DIMENSIONS", dims), "1m,5m,1h,1d,1w,4w", List.of(rate),
                    seconds, warmup, false, false).results().get(0));
        }
        String body = render(rate, seconds, results, loadAtStart, Machine.loadAverage());
        System.out.println(body);
        BenchReadme.write("dimension-cost", "java -cp bench/target/bench.jar io.agentpulse.bench.DimensionCostBench "
                + String.join(" ", args), body);
    }

    private static String render(int rate, int seconds, List<SteadyRun.Result> r, String loadStart, String loadEnd) {
        SteadyRun.Result base = r.get(0);
        StringBuilder sb = new StringBuilder(String.format("**Summary: stream-thread CPU per event with the three built-in "
                + "dimensions %.2f x, with one custom attribute more %.2f x the run without dimensions; %s.**%n%n",
                r.get(1).streamCpuPerMillion() / base.streamCpuPerMillion(), r.get(2).streamCpuPerMillion() / base.streamCpuPerMillion(),
                r.stream().allMatch(SteadyRun.Result::held) ? "every run held its rate" : "**a run MISSED its rate** (see the table)"));
        sb.append(String.format("Fresh all-in-ones one after the other, all six granularities, %,d events/s offered for %d s "
                + "each after a warm-up, 1000 agents x 10 models x 3 operations, Avro producers; load average %s at the start, "
                + "%s at the end. A dimension's cost is per emit and active finest key (its slices are merged then), not per "
                + "event; it grows with the values an agent spreads over, here one environment per agent.%n%n",
                rate, seconds, loadStart, loadEnd));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < RUNS.size(); i++) {
            SteadyRun.Result x = r.get(i);
            rows.add(List.of("`" + RUNS.get(i) + "`", x.held() ? "held" : "missed",
                    String.format("%.1f (%.2f x)", x.streamCpuPerMillion(), x.streamCpuPerMillion() / base.streamCpuPerMillion()),
                    String.format("%.1f", x.sinkCpuPerMillion()),
                    String.format("%.1f (%.2f x)", x.processCpuPerMillion(), x.processCpuPerMillion() / base.processCpuPerMillion())));
        }
        return sb.append(BenchReadme.table(List.of("AGENTPULSE_DIMENSIONS", "rate", "stream threads CPU-s per 1M",
                "sink CPU-s per 1M", "JVM CPU-s per 1M (incl. load generator)"), rows)).toString();
    }
}
