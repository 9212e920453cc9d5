package io.agentpulse.bench.scale;

import io.agentpulse.bench.BenchReadme;
import java.util.ArrayList;
import java.util.List;

/** The markdown section of {@link ScaleOutBench}: the verdict first, then one row per instance count. */
final class ScaleReport {
    /** The design's target: CPU-seconds per million events flat within 15% across instance counts (max / min). */
    static final double FLAT = 1.15;

    private ScaleReport() {}

    /** Max over min of CPU-s per 1M events across the runs (1 with a single run; NaN when a run processed nothing). */
    static double spread(List<ScaleRun.Result> results) {
        double max = results.stream().mapToDouble(ScaleRun.Result::cpuPerMillion).max().orElse(Double.NaN);
        double min = results.stream().mapToDouble(ScaleRun.Result::cpuPerMillion).min().orElse(Double.NaN);
        return min > 0 && Double.isFinite(max) ? max / min : Double.NaN;
    }

    static String verdict(List<ScaleRun.Result> results) {
        double s = spread(results);
        if (results.size() < 2) {
            return String.format("n/a (one instance count; max/min %.3f)", s);
        }
        return String.format("%s (max/min %.3f, target <= %.2f)", s <= FLAT ? "pass" : "MISS", s, FLAT);
    }

    static String render(int rate, int warmup, int seconds, List<ScaleRun.Result> results, String loadStart, String loadEnd) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("**Summary: processor CPU-seconds per million events with %s instances: %s; flat within 15%%: %s.**%n%n",
                String.join(", ", results.stream().map(r -> Integer.toString(r.instances())).toList()),
                String.join(" / ", results.stream().map(r -> String.format("%.1f", r.cpuPerMillion())).toList()), verdict(results)));
        sb.append(method(rate, warmup, seconds, loadStart, loadEnd));
        sb.append(capacity(results));
        List<List<String>> rows = new ArrayList<>();
        for (ScaleRun.Result r : results) {
            rows.add(List.of(Integer.toString(r.instances()), sent(r, rate), String.format("%,d", r.events()),
                    String.format("%.1f", r.totalCpuNanos() / 1e9), String.format("%.1f", r.totalJitNanos() / 1e9),
                    String.format("**%.1f**", r.cpuPerMillion()), r.partitionsPerMember().toString(),
                    String.format("%,d (max %,d)", r.lagAtEnd(), r.maxLag()), r.lagBounded(rate) ? "bounded" : "**not bounded**", oracle(r)));
        }
        sb.append(BenchReadme.table(List.of("processors", "sent (measured)", "events processed (committed offsets)",
                "processor CPU-s", "of which JIT compiler threads", "CPU-s per 1M events", "events partitions per member",
                "lag at end (max over the last 30 s)", "lag", "oracle"), rows));
        sb.append("\nPer instance (events accepted = the processor's own `" + ProcessorSample.ACCEPTED + "` over the same period):\n\n");
        return sb.append(BenchReadme.table(List.of("processors", "instance", "CPU-s", "share", "of which JIT", "events accepted",
                "CPU-s per 1M accepted"), instanceRows(results))).toString();
    }

    /**
     * The capacity model deploy/README.md points to: events/s per core from the worst CPU-s per 1M of
     * the runs (processor JVMs only), then cores, instances of 2 cores kept at 70% busy, and partitions
     * (one stream thread per core, at least one partition per thread, rounded up to a multiple of 12
     * so that 1, 2, 3, 4, 6 or 12 members split it evenly) for 100k and 1M events/s.
     */
    static String capacity(List<ScaleRun.Result> results) {
        double worst = results.stream().mapToDouble(ScaleRun.Result::cpuPerMillion).filter(Double::isFinite).max().orElse(Double.NaN);
        if (!(worst > 0)) {
            return "";
        }
        double perCore = 1e6 / worst;
        StringBuilder sb = new StringBuilder(String.format("Capacity model (from the worst figure, %.1f CPU-s per 1M events, processor "
                + "JVMs only; the broker and PostgreSQL are sized apart): **%,.0f events/s per core**.", worst, perCore));
        for (int target : new int[] {100_000, 1_000_000}) {
            double cores = target / perCore;
            int instances = (int) Math.ceil(cores / (2 * 0.7));
            int partitions = (int) Math.ceil(instances * 2 / 12.0) * 12;
            sb.append(String.format(" %,d events/s: %.0f cores, %d instances of 2 cores at 70%% busy, %d partitions.", target, cores,
                    instances, partitions));
        }
        return sb.append("\n\n").toString();
    }

    /** How the figures were taken (what runs where, what is counted), and the load average around the run. */
    private static String method(int rate, int warmup, int seconds, String loadStart, String loadEnd) {
        return String.format("Each instance count on a fresh cluster of the fault suite's kind (embedded KRaft broker and PostgreSQL, "
                + "registry in this JVM), topics of %d partitions, each processor its own JVM (`%s`, one stream thread, "
                + "`AGENTPULSE_PROCESSOR_GRANULARITIES=%s`, default grace and lateness, in-memory dedup store). One Avro producer "
                + "in this JVM offers %,d events/s (+100/s of a probe agent) from 1000 agents x 10 models x 3 operations: "
                + "%d s of warm-up, then %d s measured. CPU = user + system time of the processor JVMs (/proc/PID/stat) "
                + "between the start and the end of the measured period (the JIT compiler threads' part shown beside: each "
                + "instance compiles the same code, a cost the warm-up should have paid); events = the events-topic offsets the consumer "
                + "group committed in that period. Lag bounded = at most 5 s of offered events over the last 30 s. Oracle = "
                + "every agent-minute of rollup_1m (count, input tokens) equals what was sent, warm-up included. "
                + "Load average %s at the start, %s at the end.%n%n",
                ScaleRun.PARTITIONS, String.join(" ", ScaleRun.JVM), ScaleRun.GRANULARITIES, rate, warmup, seconds, loadStart, loadEnd);
    }

    private static List<List<String>> instanceRows(List<ScaleRun.Result> results) {
        List<List<String>> rows = new ArrayList<>();
        for (ScaleRun.Result r : results) {
            for (int i = 0; i < r.cpuNanos().length; i++) {
                long cpu = r.cpuNanos()[i];
                long accepted = r.accepted()[i];
                rows.add(List.of(Integer.toString(r.instances()), "processor-" + (i + 1), String.format("%.1f", cpu / 1e9),
                        String.format("%.0f%%", 100.0 * cpu / r.totalCpuNanos()), String.format("%.1f", r.jitNanos()[i] / 1e9),
                        accepted < 0 ? "unreadable" : String.format("%,d", accepted),
                        accepted > 0 ? String.format("%.1f", cpu / 1e9 / (accepted / 1e6)) : "n/a"));
            }
        }
        return rows;
    }

    /** Sent in the measured period; a generator that fell behind its schedule by over 0.1 s of events did not offer the rate. */
    private static String sent(ScaleRun.Result r, int rate) {
        return String.format("%,d", r.sent()) + (r.maxBehind() > rate / 10 ? String.format(" (**fell behind by %,d**)", r.maxBehind()) : "");
    }

    private static String oracle(ScaleRun.Result r) {
        return r.mismatches() == 0
                ? String.format("equal (%,d agent-minutes, %.0f s after the end)", r.agentMinutes(), r.convergeSeconds())
                : String.format("**%,d of %,d agent-minutes differ** after %d s", r.mismatches(), r.agentMinutes(), ScaleRun.CONVERGE.toSeconds());
    }
}
