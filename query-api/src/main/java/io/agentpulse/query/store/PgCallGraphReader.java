package io.agentpulse.query.store;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.agentpulse.contract.sketch.SketchCodec;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The call graph on PostgreSQL: edges are one GROUP BY over agent_calls bounded on window_start (the
 * partition key and its index), sketches merged here; an edge's calls are the callee's spans (its
 * (agent_id, event_time) index) each joined to its earliest parent in the trace (V52's trace index).
 */
public final class PgCallGraphReader implements CallGraphReader {
    private static final String EDGES = "SELECT caller, callee, sum(calls)::bigint, sum(errors)::bigint, sum(latency_count)::bigint,"
            + " sum(latency_sum), max(latency_max), array_agg(latency_sketch) FROM agent_calls"
            + " WHERE window_start >= $1 AND window_start < $2 GROUP BY caller, callee ORDER BY caller COLLATE \"C\", callee COLLATE \"C\"";
    private static final String CALLS = "SELECT c.event_id, (extract(epoch FROM c.event_time) * 1000)::bigint, p.event_id, c.trace_id,"
            + " c.operation, c.latency_ms, c.status, c.error_type FROM agent_events c CROSS JOIN LATERAL"
            + " (SELECT event_id, agent_id FROM agent_events p WHERE p.trace_id = c.trace_id AND p.span_id = c.parent_span_id"
            + " AND p.kind = 'SPAN' AND p.event_time >= $5 AND p.event_time < $6 ORDER BY p.event_time, p.event_id LIMIT 1) p"
            + " WHERE c.agent_id = $2 AND c.kind = 'SPAN' AND c.trace_id IS NOT NULL AND c.parent_span_id IS NOT NULL"
            + " AND c.event_time >= $3 AND c.event_time < $4 AND p.agent_id = $1 AND p.agent_id <> c.agent_id ORDER BY c.event_time DESC, c.event_id LIMIT $7";
    private final Pool pool;

    public PgCallGraphReader(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<List<CallEdge>> edges(long fromMs, long toMs) {
        return pool.preparedQuery(EDGES).execute(Tuple.of(utc(fromMs), utc(toMs))).map(rows -> {
            List<CallEdge> out = new ArrayList<>();
            for (Row r : rows) {
                DDSketch sketch = SketchCodec.newSketch();
                for (Buffer b : r.get(Buffer[].class, 7)) {
                    sketch.mergeWith(SketchCodec.decode(b.getBytes()));
                }
                out.add(new CallEdge(r.getString(0), r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getDouble(5),
                        r.getDouble(6), sketch));
            }
            return out;
        });
    }

    @Override
    public Future<List<EdgeCall>> calls(String caller, String callee, long fromMs, long toMs, int limit) {
        Tuple args = Tuple.of(caller, callee, utc(fromMs), utc(toMs), utc(fromMs - PARENT_SKEW_MS), utc(toMs + PARENT_SKEW_MS))
                .addInteger(limit);
        return pool.preparedQuery(CALLS).execute(args).map(rows -> {
            List<EdgeCall> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new EdgeCall(r.getString(0), r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getDouble(5),
                        r.getString(6), r.getString(7)));
            }
            return out;
        });
    }

    @Override
    public Future<AgentCount> agents(long fromMs, long toMs) {
        return pool.preparedQuery("SELECT count(*) FILTER (WHERE last_seen >= $1 AND first_seen < $2), count(*) FROM agent_last_seen")
                .execute(Tuple.of(utc(fromMs), utc(toMs))).map(rows -> {
                    Row r = rows.iterator().next();
                    return new AgentCount(r.getLong(0), r.getLong(1));
                });
    }

    private static OffsetDateTime utc(long ms) {
        return Instant.ofEpochMilli(ms).atOffset(ZoneOffset.UTC);
    }
}
