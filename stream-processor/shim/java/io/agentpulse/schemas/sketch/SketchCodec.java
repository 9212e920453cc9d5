package io.agentpulse.schemas.sketch;
import com.datadoghq.sketch.ddsketch.*;
import com.datadoghq.sketch.ddsketch.encoding.*;
import com.datadoghq.sketch.ddsketch.mapping.*;
import com.datadoghq.sketch.ddsketch.store.*;
import java.nio.ByteBuffer;
/** TEMPORARY shim. */
public final class SketchCodec {
    public static DDSketch newSketch() { return new DDSketch(new LogarithmicMapping(0.01), UnboundedSizeDenseStore::new); }
    public static byte[] encode(DDSketch s) {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withDefaultInitialCapacity();
        try { s.encode(out, false); } catch (java.io.IOException e) { throw new IllegalStateException(e); }
        return java.util.Arrays.copyOf(out.backingArray(), out.numWrittenBytes());
    }
    public static DDSketch decode(byte[] b) {
        try { return DDSketch.decode(ByteArrayInput.wrap(b), UnboundedSizeDenseStore::new); } catch (java.io.IOException e) { throw new IllegalArgumentException(e); }
    }
    public static double quantile(DDSketch s, double q) { return s.isEmpty() ? Double.NaN : s.getValueAtQuantile(q); }
}
