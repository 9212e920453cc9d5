package io.agentpulse.processor.alert;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the alert evaluator keeps of one series: its recent 1-minute windows (latest cumulative
 * snapshot of each, keyed by window start), when it last reported, and the EWMA baselines of
 * anomaly rules. Bounded: windows older than {@link #KEEP_MS} (the longest SLO range, 6 h) are
 * dropped, and sketches are kept only for the last {@link #SKETCH_MS}.
 */
final class SeriesState {
    static final long KEEP_MS = 6 * 3_600_000L + 60_000L;
    static final long SKETCH_MS = 16 * 60_000L;

    /** One window's counters and (while recent) its sketches. Sketch bytes are SketchCodec encodings or null. */
    static final class Win {
        long count;
        long errors;
        long tokens;
        double costUsd;
        long feedbackCount;
        double feedbackSum;
        byte[] latency;
        byte[] ttft;
        boolean isFinal;
    }

    /** An exponentially weighted mean and variance (West's incremental form). */
    static final class Ewma {
        double mean;
        double var;
        int n;
        long lastWindow = Long.MIN_VALUE;

        void add(double x, double alpha) {
            if (n == 0) {
                mean = x;
                var = 0;
            } else {
                double diff = x - mean;
                double incr = alpha * diff;
                mean += incr;
                var = (1 - alpha) * (var + diff * incr);
            }
            n++;
        }
    }

    final TreeMap<Long, Win> windows = new TreeMap<>();
    final Map<String, Ewma> baselines = new HashMap<>();
    long lastSeen;

    void put(long windowStart, Win w, long now) {
        windows.put(windowStart, w);
        windows.headMap(now - KEEP_MS).clear();
        for (Map.Entry<Long, Win> e : windows.headMap(now - SKETCH_MS).entrySet()) {
            e.getValue().latency = null;
            e.getValue().ttft = null;
        }
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(2); // 2: with feedback per window; 1 (before) is still read
            out.writeLong(lastSeen);
            out.writeInt(windows.size());
            for (Map.Entry<Long, Win> e : windows.entrySet()) {
                Win w = e.getValue();
                out.writeLong(e.getKey());
                out.writeLong(w.count);
                out.writeLong(w.errors);
                out.writeLong(w.tokens);
                out.writeDouble(w.costUsd);
                out.writeBoolean(w.isFinal);
                writeBytes(out, w.latency);
                writeBytes(out, w.ttft);
                out.writeLong(w.feedbackCount);
                out.writeDouble(w.feedbackSum);
            }
            out.writeInt(baselines.size());
            for (Map.Entry<String, Ewma> e : baselines.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeDouble(e.getValue().mean);
                out.writeDouble(e.getValue().var);
                out.writeInt(e.getValue().n);
                out.writeLong(e.getValue().lastWindow);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** lastSeen without decoding the rest (it follows the version byte). */
    static long lastSeen(byte[] bytes) {
        return java.nio.ByteBuffer.wrap(bytes).getLong(1);
    }

    static SeriesState decode(byte[] bytes) {
        SeriesState s = new SeriesState();
        if (bytes == null) {
            return s;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != 1 && version != 2) {
                throw new IllegalStateException("Unknown series state encoding version.");
            }
            s.lastSeen = in.readLong();
            for (int i = in.readInt(); i > 0; i--) {
                long start = in.readLong();
                Win w = new Win();
                w.count = in.readLong();
                w.errors = in.readLong();
                w.tokens = in.readLong();
                w.costUsd = in.readDouble();
                w.isFinal = in.readBoolean();
                w.latency = readBytes(in);
                w.ttft = readBytes(in);
                if (version == 2) {
                    w.feedbackCount = in.readLong();
                    w.feedbackSum = in.readDouble();
                }
                s.windows.put(start, w);
            }
            for (int i = in.readInt(); i > 0; i--) {
                String key = in.readUTF();
                Ewma e = new Ewma();
                e.mean = in.readDouble();
                e.var = in.readDouble();
                e.n = in.readInt();
                e.lastWindow = in.readLong();
                s.baselines.put(key, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
