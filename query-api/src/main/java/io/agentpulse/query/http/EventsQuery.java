package io.agentpulse.query.http;

import io.agentpulse.query.store.EventQuery;
import io.agentpulse.query.store.EventReader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Function;

/**
 * GET /api/v1/events: raw calls in [from, to) filtered by agent, model, operation, status, error_type,
 * min_latency_ms and kind (default SPAN; "any" for all kinds), newest first or order=slowest,
 * paged by offset and limit (has_more says whether a next page exists); trace_id and span_id find the
 * call a feedback score rates (a FEEDBACK event carries the trace and span of the call it scores).
 * GET /api/v1/events/{id}: one event (404 when unknown).
 */
final class EventsQuery {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1_000;
    static final int MAX_OFFSET = 100_000;

    private final EventReader events;
    private final io.agentpulse.contract.Dimensions dimensions;
    private final Clock clock;

    /** {@code dimensions}: the slicing dimensions the list filters by, like the rollup views ({@code ?environment=prod}). */
    EventsQuery(EventReader events, io.agentpulse.contract.Dimensions dimensions, Clock clock) {
        this.events = events;
        this.dimensions = dimensions;
        this.clock = clock;
    }

    Future<JsonObject> list(Function<String, String> q) {
        Params.Range r = Params.range(q, clock);
        var f = Params.filters(q, dimensions);
        int limit = Params.limit(q.apply("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        int offset = offset(q.apply("offset"));
        String status = upper(q.apply("status"), "status", "OK|ERROR|UNSET");
        String kind = upper(q.apply("kind"), "kind", "SPAN|FEEDBACK|HEARTBEAT|ANY");
        kind = kind == null ? "SPAN" : "ANY".equals(kind) ? null : kind;
        EventQuery.Order order = "slowest".equalsIgnoreCase(q.apply("order")) ? EventQuery.Order.SLOWEST : EventQuery.Order.NEWEST;
        EventQuery eq = new EventQuery(r.fromMs(), r.toMs(), kind, f.agent(), f.model(), f.operation(), status,
                minLatency(q.apply("min_latency_ms")), order, offset, limit + 1, errorType(q.apply("error_type")),
                id(q.apply("trace_id"), "trace_id"), id(q.apply("span_id"), "span_id"), f.slice());
        return events.find(eq).map(rows -> new JsonObject().put("from", r.fromMs()).put("to", r.toMs())
                .put("offset", offset).put("limit", limit).put("has_more", rows.size() > limit)
                .put("events", AgentDetailQuery.events(rows.subList(0, Math.min(limit, rows.size())))));
    }

    /** ?error_type: an exact type, or _none for failed calls without one (as the errors view counts them). */
    private static String errorType(String raw) {
        String v = Params.blankToNull(raw);
        if (v != null && v.length() > 256) {
            throw new ParamException("error_type", "too-long", "The parameter error_type is longer than 256 characters.");
        }
        return v;
    }

    Future<JsonObject> one(Function<String, String> q) {
        String id = q.apply("id");
        return events.byId(id).map(e -> {
            if (e == null) {
                throw new NotFoundException("No event with id '" + id + "' is stored.");
            }
            return e.toJson();
        });
    }

    static int offset(String raw) {
        if (Params.blankToNull(raw) == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(raw.trim());
            if (n >= 0 && n <= MAX_OFFSET) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ParamException("offset", "out-of-range", "The parameter offset is '" + raw
                + "'; expected a whole number from 0 to " + MAX_OFFSET + ".");
    }

    /** A trace or span id filter: at most 256 characters (the gateway's bound on ids), blank = none. */
    static String id(String raw, String field) {
        String v = Params.blankToNull(raw);
        if (v != null && v.length() > 256) {
            throw new ParamException(field, "too-long", "The parameter " + field + " has " + v.length()
                    + " characters; ids have at most 256.");
        }
        return v;
    }

    static Double minLatency(String raw) {
        if (Params.blankToNull(raw) == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(raw.trim());
            if (v >= 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ParamException("min_latency_ms", "out-of-range", "The parameter min_latency_ms is '" + raw
                + "'; expected a number of milliseconds, 0 or more.");
    }

    static String upper(String raw, String field, String allowed) {
        if (Params.blankToNull(raw) == null) {
            return null;
        }
        String v = raw.trim().toUpperCase(Locale.ROOT);
        if (!v.matches(allowed)) {
            throw new ParamException(field, "out-of-range", "The parameter " + field + " is '" + raw
                    + "'; expected one of " + allowed.replace('|', ',').toLowerCase(Locale.ROOT) + ".");
        }
        return v;
    }
}
