package io.agentpulse.security;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** timestamptz <-> Instant for the PostgreSQL stores (vertx-pg-client maps timestamptz to OffsetDateTime). */
public final class PgTimes {
    private PgTimes() {}

    public static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
