package io.agentpulse.bench.history;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.agentpulse.contract.sketch.SketchCodec;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Pre-built latency sketches, so a backfill of millions of rows does not build a sketch per row.
 * One per (shape, count level): shape = a model (log-normal with that model's median) or the
 * fleet mix of all models; levels are x1.25 apart and the sketch holds exactly the level's count
 * (up to 2,000 sampled values, each bin's count scaled to the level and rounded to a whole number,
 * as a sketch built from real calls holds; fractional counts would encode ~3x larger). A row uses
 * the sketch of the level nearest its count, so its sketch count is within ~12% of the row's
 * count and its shape is the real one.
 */
final class SketchPool {
    private static final int SAMPLES = 2_000;
    private static final double LEVEL = Math.log(1.25);

    /** An encoded sketch and its read-side percentiles (ms). */
    record Entry(byte[] bytes, double p50, double p95, double p99) {}

    private final int models;
    private final Map<Long, Entry> cache = new HashMap<>();

    SketchPool(int models) {
        this.models = models;
    }

    /** shape = model index, or -1 for the mix of all models. Count >= 1. */
    synchronized Entry get(int shape, long count) {
        int level = (int) Math.round(Math.log(Math.max(1, count)) / LEVEL);
        return cache.computeIfAbsent(((long) shape << 32) | level, k -> build(shape, level));
    }

    private Entry build(int shape, int level) {
        double count = Math.max(1, Math.round(Math.exp(level * LEVEL)));
        int n = (int) Math.min(SAMPLES, count);
        double weight = count / n;
        SplittableRandom r = new SplittableRandom(31L * shape + level);
        DDSketch sample = SketchCodec.newSketch();
        for (int i = 0; i < n; i++) {
            int m = shape >= 0 ? shape : r.nextInt(models);
            sample.accept(latencyMs(m, r));
        }
        DDSketch s = SketchCodec.newSketch();
        sample.getPositiveValueStore().forEach((index, c) -> {
            long whole = Math.round(c * weight);
            if (whole > 0) {
                s.getPositiveValueStore().add(index, whole);
            }
        });
        return new Entry(SketchCodec.encode(s), SketchCodec.quantile(s, 0.5), SketchCodec.quantile(s, 0.95),
                SketchCodec.quantile(s, 0.99));
    }

    /** Log-normal around a per-model median of 400 ms to 3 s, sigma 0.7, plus a 1% slow tail (x5). */
    static double latencyMs(int model, SplittableRandom r) {
        double median = 400 + 290.0 * (model % 10);
        double v = median * Math.exp(0.7 * r.nextGaussian());
        return r.nextDouble() < 0.01 ? v * 5 : v;
    }
}
