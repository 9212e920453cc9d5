package io.agentpulse.security;

import java.util.Locale;

/** What an API key may do: send events to the gateway, or read from the query API. */
public enum Scope {
    INGEST, READ;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope parse(String s) {
        for (Scope v : values()) {
            if (v.wire().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("scope must be one of ingest, read, not '" + s + "'");
    }
}
