package io.agentpulse.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-event cost of the slicing dimensions (issue 15, point 1): the same steady offered rate on fresh
 * all-in-ones (all six granularities) with no dimension, each dimension alone (the four built-ins and one
 * custom attribute), all five together, and no dimension again last (the two runs without dimensions
 * bound the run-to-run noise); CPU-s per million events of the stream threads, the sink and the whole JVM,
 * each against the mean of the two runs without dimensions. Events carry an environment per agent (9 in
 * 10 prod), a tool name on tool calls, one of four error types on failures (1 in 50) and a team attribute
 * (20 teams), as BenchEvents makes them.
 * Run: {@code java -cp bench/target/bench.jar io.agentpulse.bench.DimensionCostBench [--rate 3000]
 * [--seconds 60] [--warmup-seconds 60]}.
 */
public final class DimensionCostBench {
    private static final String ALL = "environment,provider,tool_name,error_type,team";
    private static final List<String> RUNS = List.of("none", "environment", "provider", "tool_name", "error_type", "team",
            ALL, "none");

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
        SteadyRun.Result first = r.get(0);
        SteadyRun.Result last = r.get(r.size() - 1);
        double baseStream = (first.streamCpuPerMillion() + last.streamCpuPerMillion()) / 2;
        double baseJvm = (first.processCpuPerMillion() + last.processCpuPerMillion()) / 2;
        double noise = Math.abs(first.streamCpuPerMillion() - last.streamCpuPerMillion()) / baseStream;
        StringBuilder sb = new StringBuilder(String.format("**Summary: stream-thread CPU per event, against the runs without"
                + " dimensions: environment %s, provider %s, tool_name %s, error_type %s, a custom attribute (team) %s;"
                + " all five %s. The two runs without dimensions differ by %.0f%%: a dimension's figure within that is"
                + " noise. %s.**%n%n", ratio(r.get(1), baseStream), ratio(r.get(2), baseStream), ratio(r.get(3), baseStream),
                ratio(r.get(4), baseStream), ratio(r.get(5), baseStream), ratio(r.get(6), baseStream), noise * 100,
                r.stream().allMatch(SteadyRun.Result::held) ? "Every run held its rate" : "**A run MISSED its rate** (see the table)"));
        sb.append(String.format("Fresh all-in-ones one after the other, all six granularities, %,d events/s offered for %d s "
                + "each after a warm-up, 1000 agents x 10 models x 3 operations, Avro producers; load average %s at the start, "
                + "%s at the end. A dimension's cost is per emit and active finest key (its slices are merged then), not per "
                + "event; it grows with the values an agent spreads over (here one environment and one team per agent, five "
                + "tools, four error types, one provider).%n%n", rate, seconds, loadStart, loadEnd));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < RUNS.size(); i++) {
            SteadyRun.Result x = r.get(i);
            rows.add(List.of("`" + RUNS.get(i) + "`", x.held() ? "held" : "missed",
                    String.format("%.1f (%s)", x.streamCpuPerMillion(), ratio(x, baseStream)),
                    String.format("%.1f", x.sinkCpuPerMillion()),
                    String.format("%.1f (%.2f x)", x.processCpuPerMillion(), x.processCpuPerMillion() / baseJvm)));
        }
        return sb.append(BenchReadme.table(List.of("AGENTPULSE_DIMENSIONS", "rate", "stream threads CPU-s per 1M",
                "sink CPU-s per 1M", "JVM CPU-s per 1M (incl. load generator)"), rows)).toString();
    }

    private static String ratio(SteadyRun.Result x, double base) {
        return String.format("%.2f x", x.streamCpuPerMillion() / base);
    }
}
