package io.agentpulse.query.auth;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Instants in the admin API: epoch milliseconds or ISO-8601 in, ISO-8601 (UTC) out. */
final class Times {
    private Times() {}

    static Instant param(RoutingContext ctx, String name) {
        String raw = ctx.request().getParam(name);
        return raw == null || raw.isEmpty() ? null : parse(name, raw);
    }

    static Instant parse(String name, String raw) {
        try {
            return raw.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(raw)) : Instant.parse(raw);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be epoch milliseconds or an ISO-8601 instant, not '" + raw + "'.");
        }
    }

    static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
