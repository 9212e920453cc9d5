package io.agentpulse.query.store;

/**
 * Which raw events to list: event_time in [fromMs, toMs), optional equality filters (null = any),
 * latency at least minLatencyMs (null = any), newest first (or slowest first), a page of limit
 * rows after offset rows.
 */
public record EventQuery(long fromMs, long toMs, String kind, String agent, String model, String operation,
                         String status, Double minLatencyMs, Order order, int offset, int limit, String errorType) {

    /** Without an error-type filter. errorType: an exact type, {@link #UNTYPED} for failed calls without one. */
    public EventQuery(long fromMs, long toMs, String kind, String agent, String model, String operation,
                      String status, Double minLatencyMs, Order order, int offset, int limit) {
        this(fromMs, toMs, kind, agent, model, operation, status, minLatencyMs, order, offset, limit, null);
    }

    /** The error-type value meaning "no error_type" (as the rollups count such failed calls). */
    public static final String UNTYPED = "_none";

    public enum Order { NEWEST, SLOWEST }

    public static EventQuery spans(long fromMs, long toMs) {
        return new EventQuery(fromMs, toMs, "SPAN", null, null, null, null, null, Order.NEWEST, 0, 50);
    }

    public EventQuery withAgent(String a) {
        return new EventQuery(fromMs, toMs, kind, a, model, operation, status, minLatencyMs, order, offset, limit);
    }

    public EventQuery withKind(String k) {
        return new EventQuery(fromMs, toMs, k, agent, model, operation, status, minLatencyMs, order, offset, limit);
    }

    public EventQuery withStatus(String s) {
        return new EventQuery(fromMs, toMs, kind, agent, model, operation, s, minLatencyMs, order, offset, limit);
    }

    public EventQuery withOrder(Order o, int newLimit) {
        return new EventQuery(fromMs, toMs, kind, agent, model, operation, status, minLatencyMs, o, offset, newLimit);
    }
}
