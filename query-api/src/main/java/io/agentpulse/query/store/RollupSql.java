package io.agentpulse.query.store;

import io.agentpulse.query.plan.Dimension;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.query.plan.Segment;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The SQL pieces {@link PgRollupReader}'s statements share: the summed columns, the WHERE clause of a
 * group, range and pinned filters (every value a bind parameter; table and column names from enums,
 * never from input), and reading a row's sums and sketches back.
 */
final class RollupSql {
    static final String SUMS = "coalesce(sum(count),0)::bigint, coalesce(sum(errors),0)::bigint, "
            + "coalesce(sum(input_tokens),0)::bigint, coalesce(sum(output_tokens),0)::bigint, "
            + "coalesce(sum(cached_input_tokens),0)::bigint, coalesce(sum(cost_usd),0)::float8";

    /** Calls, scores, their sum and the 10 histogram elements, summed (V46's columns). */
    static final String FEEDBACK_SUMS = "coalesce(sum(count),0)::bigint, coalesce(sum(feedback_count),0)::bigint, "
            + "coalesce(sum(feedback_sum),0)::float8"
            + java.util.stream.IntStream.rangeClosed(1, FeedbackSums.BUCKETS)
                    .mapToObj(i -> ", coalesce(sum(feedback_histogram[" + i + "]),0)::bigint")
                    .collect(java.util.stream.Collectors.joining());

    private RollupSql() {}

    static String table(RollupQuery q) {
        return q.segment().granularity().table();
    }

    static String sketchColumn(boolean withSketch) {
        return withSketch ? ", array_agg(latency_sketch)" : "";
    }

    static Totals readTotals(Row row, int at, boolean withSketch, Totals t) {
        t.addSums(row.getLong(at), row.getLong(at + 1), row.getLong(at + 2), row.getLong(at + 3),
                row.getLong(at + 4), row.getDouble(at + 5));
        if (withSketch) {
            Buffer[] sketches = row.get(Buffer[].class, at + 6);
            if (sketches != null) {
                for (Buffer b : sketches) {
                    t.mergeSketch(b == null ? null : b.getBytes());
                }
            }
        }
        return t;
    }

    /** A WHERE clause and its arguments; grows as callers add conditions. */
    static final class Where {
        String sql;
        final Tuple args = Tuple.tuple();
    }

    static Where where(RollupQuery q) {
        return where(q.filters(), q.segment(), "grp = $1", q.grp());
    }

    /** As {@link #where(RollupQuery)}, and only the rows of {@code keys} (values of dim) when both are non-null. */
    static Where where(RollupQuery q, Dimension dim, List<String> keys) {
        Where w = where(q);
        if (dim != null && keys != null) {
            w.args.addArrayOfString(keys.toArray(String[]::new));
            w.sql += " AND " + dim.column() + " = ANY($" + w.args.size() + ")";
        }
        return w;
    }

    /** {@code grpCondition} reads $1, bound to {@code grpArg} (a grp, or an array of them). */
    static Where where(Filters f, Segment segment, String grpCondition, Object grpArg) {
        Where w = new Where();
        w.args.addValue(grpArg).addOffsetDateTime(utc(segment.fromMs())).addOffsetDateTime(utc(segment.toMs()));
        StringBuilder sql = new StringBuilder(" WHERE " + grpCondition + " AND window_start >= $2 AND window_start < $3");
        for (Dimension d : f.pinned()) {
            w.args.addString(f.value(d));
            sql.append(" AND ").append(d.column()).append(" = $").append(w.args.size());
        }
        w.sql = sql.toString();
        return w;
    }

    static OffsetDateTime utc(long ms) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC);
    }
}
