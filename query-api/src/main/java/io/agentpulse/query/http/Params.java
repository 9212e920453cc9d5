package io.agentpulse.query.http;

import io.agentpulse.query.plan.Dimension;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.contract.Dimensions;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and validation of query parameters; every failure is a ParamException naming the field. */
final class Params {
    /** Default range when from is absent: the hour before to. */
    static final long DEFAULT_RANGE_MS = 3_600_000L;
    /** Longest accepted dimension value (the sink stores bounded strings too). */
    static final int MAX_VALUE_LENGTH = 256;
    private static final Pattern STEP = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    private Params() {}

    /** Half-open range [fromMs, toMs) in epoch milliseconds. */
    public record Range(long fromMs, long toMs) {}

    /** from/to: epoch ms or ISO-8601 instants; to defaults to now (clock), from to one hour before to. */
    public static Range range(Function<String, String> q, Clock clock) {
        String rawTo = blankToNull(q.apply("to"));
        String rawFrom = blankToNull(q.apply("from"));
        long to = rawTo == null ? clock.millis() : time("to", rawTo);
        long from = rawFrom == null ? to - DEFAULT_RANGE_MS : time("from", rawFrom);
        if (from >= to) {
            throw new ParamException("from", "empty-range",
                    "The range is empty: from (" + from + ") must be before to (" + to + ").");
        }
        return new Range(from, to);
    }

    /** Epoch milliseconds (digits) or an ISO-8601 instant such as 2026-01-31T12:00:00Z. */
    public static long time(String field, String raw) {
        // An unencoded "+02:00" offset arrives as " 02:00" (form decoding turns + into a space).
        String s = raw.trim().replace(' ', '+');
        if (s.matches("-?\\d{1,19}")) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        } else {
            try {
                return Instant.parse(s).toEpochMilli();
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(s).toInstant().toEpochMilli();
                } catch (DateTimeParseException ignored) {
                    // falls through to the error below
                }
            }
        }
        throw new ParamException(field, "not-a-time", "The parameter " + field + " is '" + raw
                + "', which is neither epoch milliseconds nor an ISO-8601 instant (e.g. 2026-01-31T12:00:00Z).");
    }

    public static Filters filters(Function<String, String> q) {
        return new Filters(value(q, "agent"), value(q, "model"), value(q, "operation"));
    }

    /** Only the slice of {@link #filters(Function, Dimensions)} (views that ignore agent, model and operation filters). */
    public static Filters slice(Function<String, String> q, Dimensions dims) {
        return new Filters(null, null, null, filters(q, dims).slice());
    }

    /**
     * As above, plus a filter on one slicing dimension: the parameter named like the dimension
     * ({@code environment=prod}, {@code team=search}); two of them at once are refused.
     */
    public static Filters filters(Function<String, String> q, Dimensions dims) {
        Filters f = filters(q);
        Filters.Slice slice = null;
        for (String d : dims.names()) {
            String v = value(q, d);
            if (v == null) {
                continue;
            }
            if (slice != null) {
                throw new ParamException(d, "one-dimension", "The request filters by " + slice.dimension() + " and by " + d
                        + "; filter by one dimension at a time (rollups are sliced by each dimension alone).");
            }
            slice = new Filters.Slice(d, v);
        }
        return slice == null ? f : new Filters(f.agent(), f.model(), f.operation(), slice);
    }

    /** A step such as 60s, 5m, 1h, 1d or plain milliseconds; null when absent (auto). */
    public static Long step(String raw) {
        if (blankToNull(raw) == null) {
            return null;
        }
        Matcher m = STEP.matcher(raw.trim().toLowerCase(Locale.ROOT));
        long ms = -1;
        if (m.matches() && m.group(1).length() <= 12) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "ms" : m.group(2);
            ms = n * switch (unit) {
                case "s" -> 1_000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                case "d" -> 86_400_000L;
                default -> 1L;
            };
        }
        if (ms <= 0 || ms % 60_000L != 0) {
            throw new ParamException("step", "not-a-step", "The parameter step is '" + raw
                    + "'; expected a positive whole number of minutes such as 60s, 5m, 1h, 1d or 300000 (ms).");
        }
        return ms;
    }

    public static int limit(String raw, int dflt, int max) {
        if (blankToNull(raw) == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(raw.trim());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new ParamException("limit", "out-of-range",
                "The parameter limit is '" + raw + "'; expected a whole number from 1 to " + max + ".");
    }

    public static Dimension groupBy(String raw) {
        try {
            return Dimension.parseOrNull(raw);
        } catch (IllegalArgumentException e) {
            throw new ParamException("group_by", "unknown-dimension",
                    "The parameter group_by is '" + raw + "'; expected none, agent, model or operation.");
        }
    }

    private static String value(Function<String, String> q, String field) {
        String v = blankToNull(q.apply(field));
        if (v != null && v.length() > MAX_VALUE_LENGTH) {
            throw new ParamException(field, "too-long", "The parameter " + field + " is longer than "
                    + MAX_VALUE_LENGTH + " characters.");
        }
        return v;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
