package io.agentpulse.bench.accuracy;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.agentpulse.bench.BenchReadme;
import io.agentpulse.contract.sketch.SketchCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Percentile accuracy: p50/p95/p99 of our path (values split over 1,000 one-minute sketches,
 * encoded with SketchCodec, decoded and merged as the query API does) against the exact values
 * (nearest rank), side by side with a Prometheus classic histogram with the OpenTelemetry GenAI
 * default duration buckets read by histogram_quantile, on heavy-tailed latency distributions.
 * Run: {@code java -cp bench/target/bench.jar io.agentpulse.bench.accuracy.AccuracyBench}
 */
public final class AccuracyBench {
    private static final double[] QS = {0.50, 0.95, 0.99};
    private static final int PARTS = 1_000;

    private AccuracyBench() {}

    record Distribution(String name, int n, ToDoubleFunction<SplittableRandom> seconds) {}

    public static void main(String[] args) {
        List<Distribution> dists = List.of(
                new Distribution("log-normal, median 1.2 s, sigma 0.8 (5,000 values)", 5_000,
                        r -> 1.2 * Math.exp(0.8 * r.nextGaussian())),
                new Distribution("log-normal median 0.8 s sigma 1.0 + 5% Pareto tail from 4 s, alpha 1.5 (1,000,000 values)",
                        1_000_000, r -> r.nextDouble() < 0.05 ? 4.0 / Math.pow(1 - r.nextDouble(), 1 / 1.5)
                                : 0.8 * Math.exp(r.nextGaussian())),
                new Distribution("Pareto from 0.3 s, alpha 1.2 (1,000,000 values)", 1_000_000,
                        r -> 0.3 / Math.pow(1 - r.nextDouble(), 1 / 1.2)));
        List<List<String>> rows = new ArrayList<>();
        double worstOurs = 0;
        for (Distribution d : dists) {
            double[] v = sample(d);
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            DDSketch merged = mergedSketch(v);
            PromHistogram h = new PromHistogram(PromHistogram.GENAI_DURATION_SECONDS);
            for (double x : v) {
                h.observe(x);
            }
            for (double q : QS) {
                double exact = sorted[(int) Math.ceil(q * sorted.length) - 1];
                double ours = SketchCodec.quantile(merged, q) / 1000; // the sketch holds ms
                double prom = h.quantile(q);
                worstOurs = Math.max(worstOurs, Math.abs(ours / exact - 1));
                rows.add(List.of(d.name(), "p" + Math.round(q * 100), ms(exact), ms(ours), pct(ours, exact), ms(prom),
                        pct(prom, exact)));
            }
        }
        String body = String.format("Our path: values spread round-robin over %,d sketches (one-minute windows),"
                + " each encoded by SketchCodec, decoded and merged (as a long-range query does). Prometheus: a"
                + " classic histogram with the OpenTelemetry GenAI default buckets (0.01 .. 81.92 s), histogram_quantile's"
                + " linear interpolation. Exact = nearest rank. **Worst relative error of ours: %.2f%%.**%n%n", PARTS,
                worstOurs * 100) + BenchReadme.table(List.of("distribution", "quantile", "exact", "DDSketch (ours)",
                "our error", "Prometheus histogram", "Prometheus error"), rows);
        System.out.println(body);
        BenchReadme.write("accuracy", "java -cp bench/target/bench.jar io.agentpulse.bench.accuracy.AccuracyBench", body);
    }

    private static double[] sample(Distribution d) {
        SplittableRandom r = new SplittableRandom(42);
        double[] v = new double[d.n()];
        for (int i = 0; i < v.length; i++) {
            v[i] = d.seconds().applyAsDouble(r);
        }
        return v;
    }

    private static DDSketch mergedSketch(double[] v) {
        DDSketch[] parts = new DDSketch[PARTS];
        for (int i = 0; i < PARTS; i++) {
            parts[i] = SketchCodec.newSketch();
        }
        for (int i = 0; i < v.length; i++) {
            parts[i % PARTS].accept(v[i] * 1000); // milliseconds, as the pipeline stores them
        }
        DDSketch merged = SketchCodec.newSketch();
        for (DDSketch p : parts) {
            if (!p.isEmpty()) {
                merged.mergeWith(SketchCodec.decode(SketchCodec.encode(p)));
            }
        }
        return SketchCodec.decode(SketchCodec.encode(merged));
    }

    private static String ms(double seconds) {
        return String.format("%.3f s", seconds);
    }

    private static String pct(double got, double exact) {
        return String.format("%+.2f%%", (got / exact - 1) * 100);
    }
}
