package io.agentpulse.contract.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SketchCodecTest {
    private static final double[] QUANTILES = {0.0, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0};
    /** 1% plus float slack. */
    private static final double BOUND = 0.01 + 1e-9;

    /** Log-normal latencies in ms (median ~ 400 ms, heavy right tail), with some exact zeros. */
    private static double[] latencies(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i % 500 == 0 ? 0.0 : Math.exp(6.0 + 1.5 * gaussian(rnd));
        }
        return v;
    }

    private static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    /** The exact lower quantile, the definition DDSketch's guarantee is stated against. */
    private static double exact(double[] sorted, double q) {
        return sorted[(int) Math.floor(q * (sorted.length - 1))];
    }

    private static void assertWithinOnePercent(DDSketch sketch, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (double q : QUANTILES) {
            double truth = exact(sorted, q);
            double estimate = SketchCodec.quantile(sketch, q);
            if (truth == 0) {
                assertThat(estimate).as("q=" + q).isZero();
            } else {
                assertThat(Math.abs(estimate - truth) / truth).as("q=" + q + " truth=" + truth).isLessThanOrEqualTo(BOUND);
            }
        }
    }

    @Test
    void severalQuantilesAtOnceAreEachTheSingleQuantile() {
        DDSketch sketch = SketchCodec.newSketch();
        for (double v : latencies(5_000, 7)) {
            sketch.accept(v);
        }
        double[] all = SketchCodec.quantiles(sketch, QUANTILES);
        for (int i = 0; i < QUANTILES.length; i++) {
            assertThat(all[i]).as("q=" + QUANTILES[i]).isEqualTo(SketchCodec.quantile(sketch, QUANTILES[i]));
        }
        assertThat(SketchCodec.quantiles(SketchCodec.newSketch(), 0.5, 0.95)).containsExactly(Double.NaN, Double.NaN);
        assertThatThrownBy(() -> SketchCodec.quantiles(sketch, 0.5, 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5");
    }

    @Test
    void quantilesOfHundredThousandLogNormalLatenciesAreWithinOnePercent() {
        double[] values = latencies(100_000, 42);
        DDSketch sketch = SketchCodec.newSketch();
        for (double v : values) {
            sketch.accept(v);
        }
        assertThat(sketch.getCount()).isEqualTo(100_000);
        assertWithinOnePercent(sketch, values);
    }

    @Test
    void mergingAThousandEncodedPartsKeepsTheAccuracy() {
        double[] values = latencies(100_000, 7);
        DDSketch merged = SketchCodec.newSketch();
        for (int part = 0; part < 1000; part++) {
            DDSketch s = SketchCodec.newSketch();
            for (int i = part * 100; i < (part + 1) * 100; i++) {
                s.accept(values[i]);
            }
            merged.mergeWith(SketchCodec.decode(SketchCodec.encode(s)));
        }
        assertThat(merged.getCount()).isEqualTo(100_000);
        assertWithinOnePercent(merged, values);
    }

    @Test
    void encodeDecodeRoundTripKeepsEveryQuantileAndCount() {
        DDSketch sketch = SketchCodec.newSketch();
        for (double v : latencies(1000, 3)) {
            sketch.accept(v);
        }
        byte[] bytes = SketchCodec.encode(sketch);
        DDSketch back = SketchCodec.decode(bytes);

        assertThat(back.getCount()).isEqualTo(sketch.getCount());
        for (double q : QUANTILES) {
            assertThat(SketchCodec.quantile(back, q)).isEqualTo(SketchCodec.quantile(sketch, q));
        }
        assertThat(SketchCodec.encode(back)).isEqualTo(bytes);
        assertThat(bytes.length).as("compact encoding of 1000 latencies").isLessThan(1000);
    }

    @Test
    void emptySketchHasNaNQuantilesAndRoundTrips() {
        DDSketch empty = SketchCodec.newSketch();

        assertThat(SketchCodec.quantile(empty, 0.5)).isNaN();
        assertThat(SketchCodec.quantile(SketchCodec.decode(SketchCodec.encode(empty)), 0.99)).isNaN();
        assertThat(SketchCodec.quantile(SketchCodec.decode(new byte[0]), 0.5)).isNaN();
    }

    @Test
    void zerosAreCountedExactly() {
        DDSketch sketch = SketchCodec.newSketch();
        sketch.accept(0.0);
        sketch.accept(0.0);
        sketch.accept(10.0);

        DDSketch back = SketchCodec.decode(SketchCodec.encode(sketch));
        assertThat(SketchCodec.quantile(back, 0.5)).isZero();
        assertThat(SketchCodec.quantile(back, 1.0)).isCloseTo(10.0, org.assertj.core.data.Percentage.withPercentage(1));
    }

    @Test
    void garbageAndBadQuantilesAreRefusedClearly() {
        assertThatThrownBy(() -> SketchCodec.decode(new byte[] {(byte) 0xff, 1, 2}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a DDSketch");
        assertThatThrownBy(() -> SketchCodec.quantile(SketchCodec.newSketch(), 1.5))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
