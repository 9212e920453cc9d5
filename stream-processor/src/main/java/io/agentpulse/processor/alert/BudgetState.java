package io.agentpulse.processor.alert;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * What budget rules keep of one series beyond the alert state's 6 hours of minutes: cost, calls and
 * tokens per UTC hour for {@link #HOURS_MS} (8 days: a 7-day baseline before the current range) and
 * per UTC day for {@link #DAYS_MS} (35 days: the whole current month). Fed with the change of each
 * 1-minute rollup snapshot (a snapshot is cumulative, so the change is the new one minus the last
 * seen of the same window), so late corrections add exactly what they add. Stored beside the series
 * state under "b|series" in the alert store (changelogged with it). It counts from when a budget rule
 * first applied to the series (the stream keeps no older state); RATIONALE-alerts.md says what follows.
 */
final class BudgetState {
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;
    static final long HOURS_MS = 8 * DAY;
    static final long DAYS_MS = 35 * DAY;

    /** Sums of one hour or one day. */
    static final class Bucket {
        double cost;
        long calls;
        long tokens;
    }

    final TreeMap<Long, Bucket> hours = new TreeMap<>();
    final TreeMap<Long, Bucket> days = new TreeMap<>();

    /** Adds the change of the minute window starting at {@code windowStart}; drops buckets past their horizon. */
    void add(long windowStart, double cost, long calls, long tokens, long now) {
        if (cost == 0 && calls == 0 && tokens == 0) {
            return;
        }
        bump(hours, Math.floorDiv(windowStart, HOUR) * HOUR, cost, calls, tokens);
        bump(days, Math.floorDiv(windowStart, DAY) * DAY, cost, calls, tokens);
        hours.headMap(now - HOURS_MS).clear();
        days.headMap(now - DAYS_MS).clear();
    }

    private static void bump(TreeMap<Long, Bucket> m, long key, double cost, long calls, long tokens) {
        Bucket b = m.computeIfAbsent(key, k -> new Bucket());
        b.cost += cost;
        b.calls += calls;
        b.tokens += tokens;
    }

    /** Sums of the hour buckets starting in [from, to). */
    Bucket hours(long from, long to) {
        return sum(hours.subMap(from, true, to, false));
    }

    /** Sums of the day buckets starting in [from, to). */
    Bucket days(long from, long to) {
        return sum(days.subMap(from, true, to, false));
    }

    private static Bucket sum(Map<Long, Bucket> m) {
        Bucket out = new Bucket();
        m.values().forEach(b -> {
            out.cost += b.cost;
            out.calls += b.calls;
            out.tokens += b.tokens;
        });
        return out;
    }

    /** The newest bucket's start, or Long.MIN_VALUE when empty (for expiry). */
    long newest() {
        return days.isEmpty() ? Long.MIN_VALUE : days.lastKey();
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 28 * (hours.size() + days.size()));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            write(out, hours);
            write(out, days);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static BudgetState decode(byte[] bytes) {
        BudgetState s = new BudgetState();
        if (bytes == null) {
            return s;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != 1) {
                throw new IllegalStateException("Unknown budget state encoding version.");
            }
            read(in, s.hours);
            read(in, s.days);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }

    private static void write(DataOutputStream out, TreeMap<Long, Bucket> m) throws IOException {
        out.writeInt(m.size());
        for (Map.Entry<Long, Bucket> e : m.entrySet()) {
            out.writeLong(e.getKey());
            out.writeDouble(e.getValue().cost);
            out.writeLong(e.getValue().calls);
            out.writeLong(e.getValue().tokens);
        }
    }

    private static void read(DataInputStream in, TreeMap<Long, Bucket> m) throws IOException {
        for (int i = in.readInt(); i > 0; i--) {
            long key = in.readLong();
            Bucket b = new Bucket();
            b.cost = in.readDouble();
            b.calls = in.readLong();
            b.tokens = in.readLong();
            m.put(key, b);
        }
    }
}
