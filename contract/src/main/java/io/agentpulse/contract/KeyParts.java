package io.agentpulse.contract;

/**
 * The escaping of dimension values inside '|'-separated keys (rollup keys, alert series keys):
 * '%' is written %25 and '|' %7C, so no two different dimension tuples give one key and a key splits
 * back into its parts. Agent ids, models and operations are untrusted input and may hold either.
 */
public final class KeyParts {
    private KeyParts() {}

    /** The value itself unless it holds '%' or '|' (the common case allocates nothing). */
    public static String escape(String v) {
        if (v.indexOf('|') < 0 && v.indexOf('%') < 0) {
            return v;
        }
        return v.replace("%", "%25").replace("|", "%7C");
    }

    /** The inverse of {@link #escape}. */
    public static String unescape(String v) {
        if (v.indexOf('%') < 0) {
            return v;
        }
        return v.replace("%7C", "|").replace("%25", "%");
    }
}
