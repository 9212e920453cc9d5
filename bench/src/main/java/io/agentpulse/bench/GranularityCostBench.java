package io.agentpulse.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-event cost against the number of granularities (issue 12, point 3): the same steady offered
 * rate on two fresh all-in-ones, one with 1m only and one with all six, each after its own warm-up;
 * CPU-s per million events of the stream threads, the sink and the whole JVM beside each other and
 * their ratio (target: within 10%).
 * Run: {@code java -cp bench/target/bench.jar io.agentpulse.bench.GranularityCostBench [--rate 5000]
 * [--seconds 60] [--warmup-seconds 90]}.
 */
public final class GranularityCostBench {
    private static final List<String> RUNS = List.of("1m", "1m,5m,1h,1d,1w,4w");

    private GranularityCostBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = SteadyBench.options(args);
        int rate = Integer.parseInt(opts.getOrDefault("--rate", "5000"));
        int seconds = Integer.parseInt(opts.getOrDefault("--seconds", "60"));
        int warmup = Integer.parseInt(opts.getOrDefault("--warmup-seconds", "90")); // see SteadyBench
        String loadAtStart = Machine.loadAverage();
        List<SteadyRun.Result> results = new ArrayList<>();
        for (String g : RUNS) {
            results.add(SteadyBench.session(g, List.of(rate), seconds, warmup, false, false).results().get(0));
        }
        String body = render(rate, seconds, results, loadAtStart, Machine.loadAverage());
        System.out.println(body);
        BenchReadme.write("granularity-cost", "java -cp bench/target/bench.jar io.agentpulse.bench.GranularityCostBench "
                + String.join(" ", args), body);
    }

    private static String render(int rate, int seconds, List<SteadyRun.Result> r, String loadStart, String loadEnd) {
        double stream = r.get(1).streamCpuPerMillion() / r.get(0).streamCpuPerMillion();
        double jvm = r.get(1).processCpuPerMillion() / r.get(0).processCpuPerMillion();
        String verdict = Math.abs(stream - 1) <= 0.10 && Math.abs(jvm - 1) <= 0.10 ? "within 10%: **pass**" : "**MISS** (target: within 10%)";
        StringBuilder sb = new StringBuilder(String.format("**Summary: all six granularities / 1m only, CPU per event: stream threads "
                + "%.2f, whole JVM %.2f; %s.**%n%n", stream, jvm, verdict));
        sb.append(String.format("Two fresh all-in-ones, one after the other, %,d events/s offered for %d s each after a warm-up, "
                + "1000 agents x 10 models x 3 operations, Avro producers; load average %s at the start, %s at the end.%n%n",
                rate, seconds, loadStart, loadEnd));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < RUNS.size(); i++) {
            SteadyRun.Result x = r.get(i);
            rows.add(List.of("`" + RUNS.get(i) + "`", x.held() ? "held" : "missed", String.format("%.1f", x.streamCpuPerMillion()),
                    String.format("%.1f", x.sinkCpuPerMillion()), String.format("%.1f", x.processCpuPerMillion())));
        }
        return sb.append(BenchReadme.table(List.of("granularities", "rate", "stream threads CPU-s per 1M", "sink CPU-s per 1M",
                "JVM CPU-s per 1M (incl. load generator)"), rows)).toString();
    }
}
