package io.agentpulse.ingest.otlp;

import java.util.List;
import java.util.Map;

/** Reading counts from attributes: int64 values, whole doubles (JavaScript numbers) or decimal strings. */
final class Tokens {
    private Tokens() {}

    /** The first present key's count; null when none is present; throws when it is not a count. */
    static Long count(Map<String, Object> a, List<String> keys) {
        for (String k : keys) {
            Object v = a.get(k);
            if (v == null) {
                continue;
            }
            long n;
            if (v instanceof Long l) {
                n = l;
            } else if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
                n = d.longValue();
            } else if (v instanceof String s && s.matches("\\d{1,18}")) {
                n = Long.parseLong(s);
            } else {
                throw new IllegalArgumentException(k + " must be a whole number of tokens, not " + v);
            }
            if (n < 0) {
                throw new IllegalArgumentException(k + " must be >= 0, not " + n);
            }
            return n;
        }
        return null;
    }

    static Double number(Map<String, Object> a, List<String> keys) {
        for (String k : keys) {
            if (a.get(k) instanceof Number n) {
                return n.doubleValue();
            }
        }
        return null;
    }
}
