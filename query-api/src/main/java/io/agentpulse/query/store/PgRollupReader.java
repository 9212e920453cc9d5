package io.agentpulse.query.store;

import static io.agentpulse.query.store.RollupSql.FEEDBACK_SUMS;
import static io.agentpulse.query.store.RollupSql.SUMS;
import static io.agentpulse.query.store.RollupSql.readTotals;
import static io.agentpulse.query.store.RollupSql.sketchColumn;
import static io.agentpulse.query.store.RollupSql.table;
import static io.agentpulse.query.store.RollupSql.utc;
import static io.agentpulse.query.store.RollupSql.where;

import io.agentpulse.query.plan.Dimension;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.query.plan.Segment;
import io.agentpulse.query.store.RollupSql.Where;
import io.vertx.core.Future;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the rollup_* tables with vertx-pg-client. Sums are done by PostgreSQL (exact, bigint);
 * sketches come back as one bytea[] per result row (array_agg) and are merged here. Table and
 * column names come from enums, never from input; every value is a bind parameter.
 */
public final class PgRollupReader implements RollupReader {
    private final Pool pool;

    /**
     * The session settings the readers need on every connection of their pool: custom plans on
     * every execution. The readers' statements are cached prepared statements, and after five
     * executions PostgreSQL may switch to a generic plan, chosen without the bound values: it
     * cannot prune partitions at plan time nor pick the index by the range and keys (measured on
     * the backfilled year: the top 10 agents' hour rows over 30 days took 670 ms on the generic
     * plan, which scanned 720k index entries by time and filtered the agents, against 29 ms on the
     * custom plan, which read the 7,260 entries of those agents). Planning costs ~1-10 ms a query.
     *
     * <p>And work_mem 16 MB: a chunk with sketches (ReadChunks.SKETCH_ROWS_PER_CHUNK rows of ~150-500 B) is grouped by key in
     * 6-9 MB, over PostgreSQL's default of 4 MB, so its GROUP BY ran as an external merge sort on disk (the agents
     * list over an hour: 73-82 ms; in memory, a hash aggregate: 53-73 ms, EXPLAIN ANALYZE on a loaded machine). The
     * chunking bounds what one sort holds, so 16 MB is enough for any read; at most pool size x 16 MB per query API.
     */
    public static PgConnectOptions tune(PgConnectOptions options) {
        return options.addProperty("plan_cache_mode", "force_custom_plan").addProperty("work_mem", "16MB");
    }

    public PgRollupReader(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Totals> totals(RollupQuery q, boolean withSketch) {
        Segment seg = q.segment();
        long chunk = seg.granularity().millis() * ReadChunks.WINDOWS_PER_CHUNK;
        Totals sum = new Totals();
        Future<Void> chain = Future.succeededFuture();
        for (long lo = seg.fromMs(); lo < seg.toMs(); lo += chunk) {
            RollupQuery part = new RollupQuery(q.grp(), q.filters(),
                    new Segment(seg.granularity(), lo, Math.min(seg.toMs(), lo + chunk)));
            chain = chain.compose(v -> totalsOnce(part, withSketch).map(t -> {
                sum.add(t);
                return null;
            }));
        }
        return chain.map(v -> sum);
    }

    private Future<Totals> totalsOnce(RollupQuery q, boolean withSketch) {
        Where w = where(q);
        String sql = "SELECT " + SUMS + sketchColumn(withSketch) + " FROM " + table(q) + w.sql;
        return pool.preparedQuery(sql).execute(w.args).map(rows -> {
            Totals t = new Totals();
            for (Row row : rows) {
                readTotals(row, 0, withSketch, t);
            }
            return t;
        });
    }

    @Override
    public Future<Map<List<String>, Totals>> pairs(RollupQuery q, Dimension a, Dimension b) {
        Segment seg = q.segment();
        long chunk = seg.granularity().millis() * ReadChunks.WINDOWS_PER_CHUNK;
        Map<List<String>, Totals> out = new HashMap<>();
        Future<Void> chain = Future.succeededFuture();
        for (long lo = seg.fromMs(); lo < seg.toMs(); lo += chunk) {
            RollupQuery part = new RollupQuery(q.grp(), q.filters(),
                    new Segment(seg.granularity(), lo, Math.min(seg.toMs(), lo + chunk)));
            chain = chain.compose(v -> {
                Where w = where(part);
                String sql = "SELECT " + a.column() + ", " + b.column() + ", " + SUMS + sketchColumn(true)
                        + " FROM " + table(part) + w.sql + " GROUP BY 1, 2";
                return pool.preparedQuery(sql).execute(w.args).map(rows -> {
                    for (Row row : rows) {
                        Totals t = readTotals(row, 2, true, new Totals());
                        out.merge(List.of(row.getString(0), row.getString(1)), t, Totals::add);
                    }
                    return null;
                });
            });
        }
        return chain.map(v -> out);
    }

    @Override
    public Future<List<String>> topKeys(RollupQuery q, Dimension dim, int limit) {
        Where w = where(q);
        w.args.addInteger(limit);
        String sql = "SELECT " + dim.column() + " AS k, sum(count) AS c FROM " + table(q) + w.sql
                + " GROUP BY k HAVING sum(count) > 0 ORDER BY c DESC, k LIMIT $" + w.args.size(); // feedback-only keys have no calls
        return pool.preparedQuery(sql).execute(w.args).map(rows -> {
            List<String> keys = new ArrayList<>();
            rows.forEach(r -> keys.add(r.getString(0)));
            return keys;
        });
    }

    /**
     * Reads in the chunks of {@link ReadChunks} (about a day of minutes per key, fewer with sketches of
     * many keys), in time order. A bucket cut by a chunk edge (a step longer than a
     * chunk) is merged from its parts: sums add, sketches merge. Reads with sketches run in two lanes
     * (chunks 0, 2, 4.. and 1, 3, 5..), and one of over ReadChunks.PARALLEL_ROWS rows is cut in two at least: most
     * of such a read is decoding sketches (~3 us each: an hour of the agents list is 12k), and each lane's
     * rows arrive on its own connection and event loop, so PostgreSQL and the decoding use both cores.
     */
    @Override
    public Future<List<Bucket>> buckets(RollupQuery q, long stepMs, Dimension dim, List<String> keys, boolean withSketch) {
        List<RollupQuery> parts = ReadChunks.of(q, stepMs, dim, keys, withSketch);
        int lanes = withSketch ? Math.min(ReadChunks.LANES, parts.size()) : 1;
        List<Future<Map<String, Bucket>>> done = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            Map<String, Bucket> out = new LinkedHashMap<>(); // one lane's, touched by its own callbacks only
            Future<Void> chain = Future.succeededFuture();
            for (int i = lane; i < parts.size(); i += lanes) {
                RollupQuery part = parts.get(i);
                chain = chain.compose(v -> bucketsOnce(part, stepMs, dim, keys, withSketch).map(list -> {
                    list.forEach(b -> merge(out, b));
                    return null;
                }));
            }
            done.add(chain.map(v -> out));
        }
        return Future.all(done).map(all -> {
            Map<String, Bucket> out = new LinkedHashMap<>();
            done.forEach(f -> f.result().values().forEach(b -> merge(out, b)));
            List<Bucket> sorted = new ArrayList<>(out.values());
            sorted.sort(Comparator.comparingLong(Bucket::startMs).thenComparing(Bucket::key));
            return sorted;
        });
    }

    private static void merge(Map<String, Bucket> out, Bucket b) {
        out.merge(b.startMs() + "|" + b.key(), b, (x, y) -> {
            x.totals().add(y.totals());
            return x;
        });
    }

    private Future<List<Bucket>> bucketsOnce(RollupQuery q, long stepMs, Dimension dim, List<String> keys,
                                             boolean withSketch) {
        Where w = where(q, dim, keys);
        String key = dim == null ? "'all'::text" : dim.column();
        w.args.addLong(stepMs);
        // Epoch ms of window_start, floored to the step (integer division; epochs are positive).
        String bucket = "((extract(epoch FROM window_start) * 1000)::bigint / $" + w.args.size()
                + ") * $" + w.args.size();
        String sql = "SELECT " + bucket + " AS b, " + key + " AS k, " + SUMS + sketchColumn(withSketch)
                + " FROM " + table(q) + w.sql + " GROUP BY b, k ORDER BY b, k";
        return pool.preparedQuery(sql).execute(w.args).map(rows -> {
            List<Bucket> out = new ArrayList<>();
            for (Row row : rows) {
                out.add(new Bucket(row.getLong(0), row.getString(1), readTotals(row, 2, withSketch, new Totals())));
            }
            return out;
        });
    }

    /** The rows' own sums, no GROUP BY: an index-only scan of the sums index where the table has one (V31, V32). */
    @Override
    public Future<List<Bucket>> windowRows(RollupQuery q, Dimension dim, List<String> keys) {
        Where w = where(q, dim, keys);
        String sql = "SELECT (date_part('epoch', window_start) * 1000)::bigint, " + (dim == null ? "'all'::text" : dim.column())
                + ", count, errors, input_tokens, output_tokens, cached_input_tokens, cost_usd::float8 FROM " + table(q) + w.sql;
        return pool.preparedQuery(sql).execute(w.args).map(rows -> {
            List<Bucket> out = new ArrayList<>(rows.size());
            for (Row row : rows) {
                out.add(new Bucket(row.getLong(0), row.getString(1), new Totals().addSums(row.getLong(2), row.getLong(3),
                        row.getLong(4), row.getLong(5), row.getLong(6), row.getDouble(7))));
            }
            return out;
        });
    }

    /** One statement: slices of group all (or one agent's, model's) are a few rows per value and window. */
    @Override
    public Future<List<Bucket>> sliceBuckets(List<String> grps, Filters filters, Segment segment, long stepMs, boolean withSketch) {
        Where w = where(filters, segment, "grp = ANY($1)", grps.toArray(String[]::new));
        w.args.addLong(stepMs);
        String bucket = "((extract(epoch FROM window_start) * 1000)::bigint / $" + w.args.size() + ") * $" + w.args.size();
        String sql = "SELECT " + bucket + " AS b, grp AS k, " + SUMS + sketchColumn(withSketch)
                + " FROM " + table(new RollupQuery("", filters, segment)) + w.sql + " GROUP BY b, k ORDER BY b, k";
        return pool.preparedQuery(sql).execute(w.args).map(rows -> {
            List<Bucket> out = new ArrayList<>();
            for (Row row : rows) {
                out.add(new Bucket(row.getLong(0), row.getString(1), readTotals(row, 2, withSketch, new Totals())));
            }
            return out;
        });
    }

    /** From dimension_values (V50), which the rollup sink keeps: a few rows per dimension. */
    @Override
    public Future<List<String>> dimensionValues(String dimension, long fromMs, long toMs) {
        return pool.preparedQuery("SELECT value FROM dimension_values WHERE dimension = $1 AND last_seen >= $2"
                        + " AND first_seen < $3 ORDER BY value")
                .execute(Tuple.of(dimension, utc(fromMs), utc(toMs))).map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getString(0)));
                    return out;
                });
    }

    /**
     * One SQL sum per bucket: no sketch leaves the database. Element i of the histogram is summed as
     * sum(feedback_histogram[i]) (null arrays, rows without feedback, add nothing).
     */
    @Override
    public Future<List<FeedbackStep>> feedback(RollupQuery q, long stepMs) {
        Where w = where(q);
        w.args.addLong(stepMs);
        String bucket = "((extract(epoch FROM window_start) * 1000)::bigint / $" + w.args.size() + ") * $" + w.args.size();
        String sql = "SELECT " + bucket + " AS b, " + FEEDBACK_SUMS + " FROM " + table(q) + w.sql
                + " GROUP BY b HAVING sum(count) > 0 OR sum(feedback_count) > 0 ORDER BY b";
        return pool.preparedQuery(sql).execute(w.args).map(rows -> {
            List<FeedbackStep> out = new ArrayList<>();
            for (Row row : rows) {
                long[] hist = new long[FeedbackSums.BUCKETS];
                for (int i = 0; i < hist.length; i++) {
                    hist[i] = row.getLong(4 + i);
                }
                out.add(new FeedbackStep(row.getLong(0),
                        new FeedbackSums().add(row.getLong(1), row.getLong(2), row.getDouble(3), hist)));
            }
            return out;
        });
    }

    /**
     * One statement per segment: only rows with failed calls carry error_types (NULL elsewhere), so
     * the rows read are the failing windows, and their JSON objects are expanded by PostgreSQL.
     */
    @Override
    public Future<List<ErrorCount>> errorTypes(RollupQuery q, long stepMs, Dimension dim) {
        Where w = where(q);
        String key = dim == null ? "'all'::text" : "r." + dim.column(); // the rollup's columns do not clash with e's (key, value)
        w.args.addLong(stepMs);
        String bucket = "((extract(epoch FROM r.window_start) * 1000)::bigint / $" + w.args.size() + ") * $" + w.args.size();
        String sql = "SELECT " + bucket + " AS b, " + key + " AS k, e.key AS t, sum(e.value::bigint)::bigint FROM "
                + table(q) + " r CROSS JOIN LATERAL jsonb_each_text(r.error_types) e"
                + w.sql + " AND r.error_types IS NOT NULL GROUP BY b, k, t ORDER BY b, k, t";
        return pool.preparedQuery(sql).execute(w.args).map(rows -> {
            List<ErrorCount> out = new ArrayList<>();
            for (Row row : rows) {
                out.add(new ErrorCount(row.getLong(0), row.getString(1), row.getString(2), row.getLong(3)));
            }
            return out;
        });
    }

    @Override
    public Future<Void> ping() {
        return pool.query("SELECT 1").execute().mapEmpty();
    }

    @Override
    public Future<Void> close() {
        return pool.close();
    }
}
