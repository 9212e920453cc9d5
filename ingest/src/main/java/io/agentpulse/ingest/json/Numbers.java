package io.agentpulse.ingest.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Numeric fields of an event: type, finiteness and range checks, reported through the reader. */
final class Numbers {
    private final EventReader reader;

    Numbers(EventReader reader) {
        this.reader = reader;
    }

    /** A finite number >= 0 (latency, ttft in ms; cost in USD), or null. */
    Double nonNegative(JsonParser p, JsonToken v, String field) throws IOException {
        Double d = finite(p, v, field);
        if (d != null && d < 0) {
            reader.fail(field, "must be >= 0", "range");
        }
        return d;
    }

    /** A finite number in [0, 1] (feedback score, CPU share), or null. */
    Double unit(JsonParser p, JsonToken v, String field) throws IOException {
        Double d = finite(p, v, field);
        if (d != null && (d < 0 || d > 1)) {
            reader.fail(field, "must be between 0 and 1", "range");
        }
        return d;
    }

    /** An integer >= 0 that fits 64 bits (token counts, bytes), or null. */
    Long count(JsonParser p, JsonToken v, String field) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.VALUE_NUMBER_INT) {
            String expected = "an integer";
            if (v == JsonToken.VALUE_NUMBER_FLOAT) {
                reader.fail(field, "must be an integer, not a fraction", "type");
            } else {
                reader.typeError(p, v, field, expected);
            }
            return null;
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            reader.fail(field, "must be an integer below 2^63", "range");
            return null;
        }
        long n = p.getLongValue();
        if (n < 0) {
            reader.fail(field, "must be >= 0", "range");
        }
        return n;
    }

    /** Epoch milliseconds from a JSON number; fractions (e.g. Python's time.time()*1000) are floored. */
    Long epochMillis(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return p.getLongValue();
        }
        double d = p.getDoubleValue();
        if (!Double.isFinite(d) || Math.abs(d) >= 0x1p62) {
            reader.fail("event_time", "is out of range for epoch milliseconds", "range");
            return null;
        }
        return (long) Math.floor(d);
    }

    private Double finite(JsonParser p, JsonToken v, String field) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
            reader.typeError(p, v, field, "a number");
            return null;
        }
        double d = p.getDoubleValue();
        if (!Double.isFinite(d)) {
            reader.fail(field, "must be a finite number", "range");
            return null;
        }
        return d;
    }
}
