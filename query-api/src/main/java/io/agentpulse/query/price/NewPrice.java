package io.agentpulse.query.price;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A price version an admin adds (POST /api/v1/prices), validated: every refusal names its field.
 * Prices are USD per million tokens; cached_input defaults to input and reasoning to output, as in the
 * catalog file. The id follows the processor's rule (pricing/PriceVersion.idOf): "pattern@instant".
 */
record NewPrice(String id, String pattern, Instant effectiveFrom, double input, double cachedInput, double output,
                double reasoning, String note) {
    static final int MAX_PATTERN = 200;
    static final double MAX_PRICE = 1_000_000; // USD per million tokens: far above any list price, catches unit mistakes

    static NewPrice parse(JsonObject b) {
        String pattern = pattern(b.getValue("model"));
        Instant from = instant(b.getValue("effective_from"));
        double input = price(b, "input", null);
        double output = price(b, "output", null);
        double cached = price(b, "cached_input", input);
        double reasoning = price(b, "reasoning", output);
        Object note = b.getValue("note");
        if (note != null && (!(note instanceof String s) || s.length() > 500)) {
            throw new IllegalArgumentException("note: must be a text of at most 500 characters.");
        }
        return new NewPrice(pattern + "@" + from, pattern, from, input, cached, output, reasoning, (String) note);
    }

    /** The model name or prefix, stored as the processor compares it: lower case, without a provider/ prefix. */
    static String pattern(Object raw) {
        if (!(raw instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("model: is required (a model name or prefix such as gpt-4o).");
        }
        String m = s.trim().toLowerCase(Locale.ROOT);
        int slash = m.lastIndexOf('/');
        m = slash >= 0 ? m.substring(slash + 1) : m;
        if (m.isEmpty() || m.length() > MAX_PATTERN || !m.matches("[a-z0-9][a-z0-9._:@+-]*")) {
            throw new IllegalArgumentException("model: must be 1-" + MAX_PATTERN
                    + " letters, digits, '.', '_', ':', '@', '+' or '-' (after an optional provider/ prefix), got '" + s + "'.");
        }
        return m;
    }

    /** Epoch ms, an ISO-8601 instant, or a date (00:00 UTC). */
    static Instant instant(Object raw) {
        if (raw instanceof Number n) {
            return Instant.ofEpochMilli(n.longValue());
        }
        if (raw instanceof String s && !s.isBlank()) {
            try {
                if (s.chars().allMatch(Character::isDigit)) {
                    return Instant.ofEpochMilli(Long.parseLong(s));
                }
                return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(s);
            } catch (DateTimeParseException | NumberFormatException e) {
                // answered below
            }
        }
        throw new IllegalArgumentException("effective_from: must be epoch milliseconds, an ISO-8601 instant or a date "
                + "(YYYY-MM-DD, 00:00 UTC), got '" + raw + "'.");
    }

    private static double price(JsonObject b, String field, Double dflt) {
        Object v = b.getValue(field);
        if (v == null && dflt != null) {
            return dflt;
        }
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0 || n.doubleValue() > MAX_PRICE) {
            throw new IllegalArgumentException(field + ": must be a price in USD per million tokens, 0 to " + (long) MAX_PRICE
                    + (dflt == null ? " (required)" : "") + ", got " + v + ".");
        }
        return n.doubleValue();
    }

    JsonObject toJson() {
        return new JsonObject().put("id", id).put("model", pattern).put("effective_from", effectiveFrom.toString())
                .put("input", input).put("cached_input", cachedInput).put("output", output).put("reasoning", reasoning)
                .put("note", note);
    }
}
