package io.agentpulse.query.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads host_rollup_* with vertx-pg-client: one GROUP BY per query, bounded on window_start (the
 * partition key and the (window_start, host) index); values are bind parameters, the table name a
 * constant of the planner's granularity.
 */
public final class PgHostReader implements HostReader {
    private final Pool pool;

    public PgHostReader(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<List<HostAgg>> read(HostQuery q) {
        Tuple args = Tuple.of(utc(q.segment().fromMs()), utc(q.segment().toMs()));
        String bucket;
        if (q.stepMs() == 0) {
            bucket = "$3::bigint";
            args.addLong(q.segment().fromMs());
        } else {
            bucket = "(floor(extract(epoch FROM window_start) * 1000 / $3) * $3)::bigint";
            args.addLong(q.stepMs());
        }
        StringBuilder sql = new StringBuilder("SELECT host, agent_id, " + bucket + " AS b, sum(samples)::bigint,"
                + " sum(cpu_samples)::bigint, sum(cpu_sum), max(cpu_max), sum(mem_samples)::bigint, sum(mem_sum), max(mem_max),"
                + " (extract(epoch FROM max(last_time)) * 1000)::bigint,"
                + " (array_agg(last_cpu ORDER BY last_time DESC))[1], (array_agg(last_mem ORDER BY last_time DESC))[1]"
                + " FROM " + q.table() + " WHERE window_start >= $1 AND window_start < $2");
        if (q.host() != null) {
            args.addString(q.host());
            sql.append(" AND host = $").append(args.size());
        }
        if (q.agent() != null) {
            args.addString(q.agent());
            sql.append(" AND agent_id = $").append(args.size());
        }
        sql.append(" GROUP BY host, agent_id, b ORDER BY host COLLATE \"C\", agent_id COLLATE \"C\", b");
        return pool.preparedQuery(sql.toString()).execute(args).map(rows -> {
            List<HostAgg> out = new ArrayList<>();
            rows.forEach(r -> out.add(read(r)));
            return out;
        });
    }

    private static HostAgg read(Row r) {
        return new HostAgg(r.getString(0), r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getDouble(5),
                r.getDouble(6), r.getLong(7), r.getDouble(8), r.getLong(9), r.getLong(10), r.getDouble(11), r.getLong(12));
    }

    private static OffsetDateTime utc(long ms) {
        return Instant.ofEpochMilli(ms).atOffset(ZoneOffset.UTC);
    }
}
