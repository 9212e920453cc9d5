package io.agentpulse.bench.scale;

import io.agentpulse.bench.BenchReadme;
import io.agentpulse.bench.Machine;
import io.agentpulse.bench.SteadyBench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Scale-out (issue 12, point 6): the stream processor's CPU-seconds per million events with 1, 2 and
 * 3 processor instances (separate JVMs) on a 12-partition events topic, at one steady offered rate.
 * The cost per event must not grow with the instance count (no serial stage, no work repeated per
 * instance): flat within 15% (max / min) passes, otherwise MISS. Each count gets a fresh cluster
 * (see {@link ScaleRun}); totals are checked against the oracle per agent-minute. Figures go to
 * bench/README.md, section scale-out.
 * Run: {@code java -cp bench/target/bench.jar io.agentpulse.bench.scale.ScaleOutBench [--instances 1,2,3]
 * [--rate 8000] [--warmup-seconds 20] [--seconds 60] [--section scale-out]} (with the defaults about 2 to 4
 * minutes per instance count: cluster and processors start, warm-up, measured period, drain to the oracle).
 */
public final class ScaleOutBench {
    private ScaleOutBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = SteadyBench.options(args);
        int rate = Integer.parseInt(opts.getOrDefault("--rate", "8000"));
        int warmup = Integer.parseInt(opts.getOrDefault("--warmup-seconds", "20"));
        int seconds = Integer.parseInt(opts.getOrDefault("--seconds", "60"));
        String section = opts.getOrDefault("--section", "scale-out");
        List<Integer> counts = new ArrayList<>();
        for (String n : opts.getOrDefault("--instances", "1,2,3").split(",")) {
            counts.add(Integer.parseInt(n.trim()));
        }
        String loadAtStart = Machine.loadAverage();
        Path dir = Files.createTempDirectory("agentpulse-scaleout");
        List<ScaleRun.Result> results = new ArrayList<>();
        for (int n : counts) {
            System.out.printf("== %d processor(s), %,d events/s, %d s warm-up + %d s measured (data and logs under %s)%n",
                    n, rate, warmup, seconds, dir);
            Path runDir = dir.resolve(n + "-instances");
            ScaleRun.Result r = new ScaleRun(runDir, n, rate).run(warmup, seconds);
            deleteTree(runDir); // a run leaves hundreds of MB (broker log, PostgreSQL); a failed one keeps its logs
            System.out.printf("%d processor(s): %,d events in %d s, %.1f processor CPU-s = %.1f CPU-s per 1M events, lag at end %,d, "
                    + "%d of %d agent-minutes differ%n", n, r.events(), seconds, r.totalCpuNanos() / 1e9, r.cpuPerMillion(),
                    r.lagAtEnd(), r.mismatches(), r.agentMinutes());
            results.add(r);
        }
        Files.deleteIfExists(dir); // empty when every run succeeded
        String body = ScaleReport.render(rate, warmup, seconds, results, loadAtStart, Machine.loadAverage());
        System.out.println(body);
        System.out.println("Flat within 15%: " + ScaleReport.verdict(results));
        BenchReadme.write(section, ("java -cp bench/target/bench.jar io.agentpulse.bench.scale.ScaleOutBench " + String.join(" ", args)).strip(),
                body);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
