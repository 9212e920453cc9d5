package io.agentpulse.query.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads agent_events with vertx-pg-client. Every range is bounded on event_time (the partition
 * and BRIN key); every value is a bind parameter; column names are constants.
 */
public final class PgEventReader implements EventReader {
    private static final String COLUMNS = "event_id, (extract(epoch FROM event_time) * 1000)::bigint, agent_id, kind, "
            + "environment, model, provider, operation, latency_ms, ttft_ms, input_tokens, output_tokens, "
            + "cached_input_tokens, reasoning_tokens, cost_usd, status, error_type, tool_name, conversation_id, "
            + "trace_id, span_id, feedback_score, host_cpu, host_memory_bytes, attributes::text, cost_source, price_version";

    private final Pool pool;

    public PgEventReader(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<List<EventRow>> find(EventQuery q) {
        Tuple args = Tuple.of(utc(q.fromMs()), utc(q.toMs()));
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM agent_events WHERE event_time >= $1 AND event_time < $2");
        eq(sql, args, "kind", q.kind());
        eq(sql, args, "agent_id", q.agent());
        eq(sql, args, "model", q.model());
        eq(sql, args, "operation", q.operation());
        eq(sql, args, "status", q.status());
        eq(sql, args, "trace_id", q.traceId());
        eq(sql, args, "span_id", q.spanId());
        if (EventQuery.UNTYPED.equals(q.errorType())) {
            sql.append(" AND error_type IS NULL");
        } else {
            eq(sql, args, "error_type", q.errorType());
        }
        slice(sql, args, q.slice());
        if (q.minLatencyMs() != null) {
            args.addDouble(q.minLatencyMs());
            sql.append(" AND latency_ms >= $").append(args.size());
        }
        sql.append(q.order() == EventQuery.Order.SLOWEST
                ? " ORDER BY latency_ms DESC NULLS LAST, event_id" : " ORDER BY event_time DESC, event_id DESC");
        args.addInteger(q.limit()).addInteger(q.offset());
        sql.append(" LIMIT $").append(args.size() - 1).append(" OFFSET $").append(args.size());
        return pool.preparedQuery(sql.toString()).execute(args).map(rows -> {
            List<EventRow> out = new ArrayList<>();
            rows.forEach(r -> out.add(read(r)));
            return out;
        });
    }

    /** A built-in dimension is its column (a fixed name), a custom one the attribute; _none: no value. */
    private static void slice(StringBuilder sql, Tuple args, io.agentpulse.query.plan.Filters.Slice slice) {
        if (slice == null) {
            return;
        }
        String column;
        if (io.agentpulse.contract.Dimensions.BUILT_IN.contains(slice.dimension())) {
            column = slice.dimension();
        } else {
            args.addString(slice.dimension());
            column = "(attributes ->> $" + args.size() + ")";
        }
        if (io.agentpulse.contract.Dimensions.NONE.equals(slice.value())) {
            sql.append(" AND coalesce(").append(column).append(", '') = ''");
        } else {
            args.addString(slice.value());
            sql.append(" AND ").append(column).append(" = $").append(args.size());
        }
    }

    @Override
    public Future<EventRow> byId(String eventId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM agent_events WHERE event_id = $1 ORDER BY event_time LIMIT 1")
                .execute(Tuple.of(eventId))
                .map(rows -> rows.size() == 0 ? null : read(rows.iterator().next()));
    }

    @Override
    public Future<Map<String, Long>> lastSeen(long sinceMs) {
        return pool.preparedQuery("SELECT agent_id, (extract(epoch FROM last_seen) * 1000)::bigint FROM agent_last_seen "
                        + "WHERE last_seen >= $1 ORDER BY agent_id")
                .execute(Tuple.of(utc(sinceMs))).map(rows -> {
                    Map<String, Long> out = new LinkedHashMap<>();
                    rows.forEach(r -> out.put(r.getString(0), r.getLong(1)));
                    return out;
                });
    }

    @Override
    public Future<List<ToolStat>> tools(String agent, long fromMs, long toMs) {
        return pool.preparedQuery("SELECT tool_name, count(*), count(*) FILTER (WHERE status = 'ERROR') FROM agent_events "
                        + "WHERE event_time >= $1 AND event_time < $2 AND agent_id = $3 AND tool_name IS NOT NULL "
                        + "GROUP BY tool_name ORDER BY 2 DESC, 1")
                .execute(Tuple.of(utc(fromMs), utc(toMs), agent)).map(rows -> {
                    List<ToolStat> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new ToolStat(r.getString(0), r.getLong(1), r.getLong(2))));
                    return out;
                });
    }

    private static void eq(StringBuilder sql, Tuple args, String column, String value) {
        if (value != null) {
            args.addString(value);
            sql.append(" AND ").append(column).append(" = $").append(args.size());
        }
    }

    private static EventRow read(Row r) {
        Map<String, String> attrs = new LinkedHashMap<>();
        String raw = r.getString(24);
        if (raw != null) {
            new JsonObject(raw).forEach(e -> attrs.put(e.getKey(), String.valueOf(e.getValue())));
        }
        return new EventRow(r.getString(0), r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                r.getString(5), r.getString(6), r.getString(7), r.getDouble(8), r.getDouble(9), r.getLong(10),
                r.getLong(11), r.getLong(12), r.getLong(13), r.getDouble(14), r.getString(15), r.getString(16),
                r.getString(17), r.getString(18), r.getString(19), r.getString(20), r.getDouble(21), r.getDouble(22),
                r.getLong(23), attrs, r.getString(25), r.getString(26));
    }

    private static OffsetDateTime utc(long ms) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC);
    }
}
