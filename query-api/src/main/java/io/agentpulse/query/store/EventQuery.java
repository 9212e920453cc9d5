package io.agentpulse.query.store;

/**
 * Which raw events to list: event_time in [fromMs, toMs), optional equality filters (null = any),
 * latency at least minLatencyMs (null = any), newest first (or slowest first), a page of limit
 * rows after offset rows. errorType: an exact type, {@link #UNTYPED} for failed calls without one.
 * traceId and spanId (null = any) find one call: the one a feedback score rates. slice (null = any): the
 * calls whose slicing dimension has that value ({@code _none}: has none), as the rollups' slices count them.
 */
public record EventQuery(long fromMs, long toMs, String kind, String agent, String model, String operation,
                         String status, Double minLatencyMs, Order order, int offset, int limit, String errorType,
                         String traceId, String spanId, io.agentpulse.query.plan.Filters.Slice slice) {

    /** Without the dimension filter. */
    public EventQuery(long fromMs, long toMs, String kind, String agent, String model, String operation,
                      String status, Double minLatencyMs, Order order, int offset, int limit, String errorType,
                      String traceId, String spanId) {
        this(fromMs, toMs, kind, agent, model, operation, status, minLatencyMs, order, offset, limit, errorType, traceId, spanId, null);
    }

    /** Without the error-type, trace and span filters. */
    public EventQuery(long fromMs, long toMs, String kind, String agent, String model, String operation,
                      String status, Double minLatencyMs, Order order, int offset, int limit) {
        this(fromMs, toMs, kind, agent, model, operation, status, minLatencyMs, order, offset, limit, null, null, null);
    }

    /** Without the trace and span filters. */
    public EventQuery(long fromMs, long toMs, String kind, String agent, String model, String operation,
                      String status, Double minLatencyMs, Order order, int offset, int limit, String errorType) {
        this(fromMs, toMs, kind, agent, model, operation, status, minLatencyMs, order, offset, limit, errorType, null, null);
    }

    /** The error-type value meaning "no error_type" (as the rollups count such failed calls). */
    public static final String UNTYPED = "_none";

    public enum Order { NEWEST, SLOWEST }

    public static EventQuery spans(long fromMs, long toMs) {
        return new EventQuery(fromMs, toMs, "SPAN", null, null, null, null, null, Order.NEWEST, 0, 50);
    }

    public EventQuery withAgent(String a) {
        return new EventQuery(fromMs, toMs, kind, a, model, operation, status, minLatencyMs, order, offset, limit,
                errorType, traceId, spanId, slice);
    }

    public EventQuery withKind(String k) {
        return new EventQuery(fromMs, toMs, k, agent, model, operation, status, minLatencyMs, order, offset, limit,
                errorType, traceId, spanId, slice);
    }

    public EventQuery withStatus(String s) {
        return new EventQuery(fromMs, toMs, kind, agent, model, operation, s, minLatencyMs, order, offset, limit,
                errorType, traceId, spanId, slice);
    }

    public EventQuery withOrder(Order o, int newLimit) {
        return new EventQuery(fromMs, toMs, kind, agent, model, operation, status, minLatencyMs, o, offset, newLimit,
                errorType, traceId, spanId, slice);
    }

    public EventQuery withSpan(String trace, String span) {
        return new EventQuery(fromMs, toMs, kind, agent, model, operation, status, minLatencyMs, order, offset, limit,
                errorType, trace, span, slice);
    }
}
