package io.agentpulse.query.sse;

import java.util.Map;
import java.util.TreeMap;

/**
 * The SSE id: {@code <seq>/<partition>:<position>,<partition>:<position>...}, e.g.
 * {@code 1763818000000123/0:42,1:7,2:17}. EventSource keeps one Last-Event-ID for the whole stream,
 * so every frame carries both cursors:
 * <ul>
 * <li>{@code seq}: this process's frame sequence (rollups and operator actions), meaningful on the
 *     instance that issued it only (rollups are snapshots: another instance replays its whole ring);</li>
 * <li>the alert cursor: per partition of agentpulse.alerts, the Kafka position (offset of the next
 *     record) after the last transition this client was given. It means the same on every
 *     instance, so any instance can resume it.</li>
 * </ul>
 * A plain number (the ids before alert cursors) is a seq without an alert cursor. Public for the
 * resumable stream the hub carries (query/alert's AlertStream), which reads a {@link LastEventId}.
 */
public final class SseIds {
    private SseIds() {}

    /** A parsed Last-Event-ID: seq is null when absent (0 when unparsable); alerts null when absent or unparsable. */
    public record LastEventId(Long seq, Map<Integer, Long> alerts) {
        static final LastEventId NONE = new LastEventId(null, null);
    }

    static String cursor(Map<Integer, Long> positions) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Integer, Long> e : new TreeMap<>(positions).entrySet()) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(e.getKey()).append(':').append(e.getValue());
        }
        return b.toString();
    }

    static LastEventId parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return LastEventId.NONE;
        }
        String s = raw.trim();
        int slash = s.indexOf('/');
        Long seq = number(slash < 0 ? s : s.substring(0, slash));
        return new LastEventId(seq == null ? 0L : seq, slash < 0 ? null : positions(s.substring(slash + 1)));
    }

    /** "0:42,1:7" -> {0=42, 1=7}; null when malformed (negative, repeated or non-numeric parts). */
    static Map<Integer, Long> positions(String text) {
        Map<Integer, Long> out = new TreeMap<>();
        if (text.isEmpty()) {
            return out;
        }
        for (String part : text.split(",", -1)) {
            int colon = part.indexOf(':');
            Long p = colon < 0 ? null : number(part.substring(0, colon));
            Long pos = colon < 0 ? null : number(part.substring(colon + 1));
            if (p == null || pos == null || p > Integer.MAX_VALUE || out.put(p.intValue(), pos) != null) {
                return null;
            }
        }
        return out;
    }

    private static Long number(String s) {
        try {
            long v = Long.parseLong(s.trim());
            return v < 0 ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
