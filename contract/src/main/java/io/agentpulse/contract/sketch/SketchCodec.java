package io.agentpulse.contract.sketch;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import com.datadoghq.sketch.ddsketch.store.Store;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * The one sketch of the product and its one byte encoding (on topics and in PostgreSQL).
 *
 * <p>DDSketch with a logarithmic index mapping at 1% relative accuracy: every quantile it
 * returns is within 1% of a value of the data's true quantile, and merging sketches (coarser
 * windows, wider groups) keeps that bound. Stores are dense and collapse their lowest bins past
 * {@link #MAX_BINS}: 2048 bins at 1% span a ratio of about 6e17 between the smallest and the
 * largest value (nanoseconds to years in ms), so collapsing only ever bounds memory against
 * absurd input. Zero is counted exactly; negative values are accepted (own store) though
 * latencies never are.
 *
 * <p>The encoding is sketches-java's compact variable-length format ({@code DDSketch.encode}),
 * with the index mapping included so a payload describes itself and a mapping change is caught
 * on decode rather than silently mis-merged.
 */
public final class SketchCodec {
    /** Relative accuracy of every quantile (1%). */
    public static final double RELATIVE_ACCURACY = 0.01;
    /** Bins per store before the lowest ones collapse (bounds memory to ~16 KiB per store). */
    static final int MAX_BINS = 2048;

    private static final IndexMapping MAPPING = new LogarithmicMapping(RELATIVE_ACCURACY);
    private static final Supplier<Store> STORE = () -> new CollapsingLowestDenseStore(MAX_BINS);

    private SketchCodec() {}

    /** An empty sketch; all sketches from here merge with each other. */
    public static DDSketch newSketch() {
        return new DDSketch(MAPPING, STORE);
    }

    /** The compact encoding (about 350 bytes for 1,000 latencies). */
    public static byte[] encode(DDSketch sketch) {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withInitialCapacity(64);
        try {
            sketch.encode(out, false);
        } catch (IOException e) {
            throw new IllegalStateException("Encoding a sketch into memory failed: " + e.getMessage(), e);
        }
        return out.trimmedCopy();
    }

    /**
     * Decodes {@link #encode} output into a fresh, mergeable sketch; zero bytes decode as an
     * empty sketch. Throws {@link IllegalArgumentException} on anything else that is not a sketch
     * of this codec's mapping.
     */
    public static DDSketch decode(byte[] bytes) {
        if (bytes.length == 0) {
            return newSketch();
        }
        try {
            return DDSketch.decode(ByteArrayInput.wrap(bytes), STORE, MAPPING);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("The " + bytes.length + " bytes are not a DDSketch of 1% relative "
                + "accuracy in SketchCodec's encoding: " + e.getMessage(), e);
        }
    }

    /** The value at quantile q in [0, 1]; NaN when the sketch is empty. */
    public static double quantile(DDSketch sketch, double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("A quantile must be between 0 and 1, got " + q + ".");
        }
        return sketch.isEmpty() ? Double.NaN : sketch.getValueAtQuantile(q);
    }

    /**
     * The values at several quantiles, each as {@link #quantile} gives it (NaN for all when empty): the
     * sketch's count is summed once for all of them, not once each (a table row's p50, p95 and p99 over a
     * merged sketch of a few hundred bins: the count pass was a third of the work).
     */
    public static double[] quantiles(DDSketch sketch, double... qs) {
        for (double q : qs) {
            if (!(q >= 0 && q <= 1)) {
                throw new IllegalArgumentException("A quantile must be between 0 and 1, got " + q + ".");
            }
        }
        if (sketch.isEmpty()) {
            double[] none = new double[qs.length];
            java.util.Arrays.fill(none, Double.NaN);
            return none;
        }
        return sketch.getValuesAtQuantiles(qs);
    }
}
