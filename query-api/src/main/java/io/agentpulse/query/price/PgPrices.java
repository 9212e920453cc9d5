package io.agentpulse.query.price;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;

/** price_versions and reprice_jobs (V44) through vertx-pg-client; rows leave as JSON. */
final class PgPrices {
    private static final String VERSION_COLS = "id, model_pattern, effective_from, input_usd, cached_input_usd, output_usd, "
            + "reasoning_usd, source, catalog_version, note, created_by, created_at";
    private static final String JOB_COLS = "id, range_from, range_to, model, status, requested_by, requested_at, finished_at, "
            + "events_scanned, events_repriced, rows_adjusted, rows_missing, delta_usd, error";
    private final Pool pool;

    PgPrices(Pool pool) {
        this.pool = pool;
    }

    /** Every version, by pattern then newest first; in_force marks each pattern's version in force at {@code at}. */
    Future<JsonArray> versions(Instant at, String pattern) {
        // the processor's rule (PriceBook): the latest version at or before `at`, else the pattern's earliest
        String sql = "SELECT " + VERSION_COLS + ", id = first_value(id) OVER (PARTITION BY model_pattern ORDER BY "
                + "(effective_from <= $1) DESC, CASE WHEN effective_from <= $1 THEN effective_from END DESC NULLS LAST, "
                + "effective_from) AS in_force FROM price_versions v"
                + (pattern == null ? "" : " WHERE model_pattern = $2") + " ORDER BY model_pattern, effective_from DESC";
        Tuple args = pattern == null ? Tuple.of(utc(at)) : Tuple.of(utc(at), pattern);
        return pool.preparedQuery(sql).execute(args).map(rs -> array(rs, PgPrices::version));
    }

    /** Inserts the version; false when its pattern already has a version at that instant. */
    Future<Boolean> add(NewPrice p, String by) {
        return pool.preparedQuery("INSERT INTO price_versions (id, model_pattern, effective_from, input_usd, cached_input_usd, "
                        + "output_usd, reasoning_usd, source, note, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, 'admin', $8, $9) "
                        + "ON CONFLICT DO NOTHING")
                .execute(Tuple.of(p.id(), p.pattern(), utc(p.effectiveFrom()), p.input(), p.cachedInput(), p.output())
                        .addValue(p.reasoning()).addValue(p.note()).addValue(by))
                .map(rs -> rs.rowCount() == 1);
    }

    Future<JsonObject> requestJob(Instant from, Instant to, String model, String by) {
        return pool.preparedQuery("INSERT INTO reprice_jobs (range_from, range_to, model, requested_by) VALUES ($1, $2, $3, $4) "
                + "RETURNING " + JOB_COLS).execute(Tuple.of(utc(from), utc(to), model, by)).map(rs -> job(rs.iterator().next()));
    }

    Future<JsonArray> jobs(int limit) {
        return pool.preparedQuery("SELECT " + JOB_COLS + " FROM reprice_jobs ORDER BY id DESC LIMIT $1").execute(Tuple.of(limit))
                .map(rs -> array(rs, PgPrices::job));
    }

    Future<JsonObject> job(long id) {
        return pool.preparedQuery("SELECT " + JOB_COLS + " FROM reprice_jobs WHERE id = $1").execute(Tuple.of(id))
                .map(rs -> rs.size() == 0 ? null : job(rs.iterator().next()));
    }

    private static JsonArray array(RowSet<Row> rs, Function<Row, JsonObject> f) {
        JsonArray out = new JsonArray();
        rs.forEach(r -> out.add(f.apply(r)));
        return out;
    }

    private static JsonObject version(Row r) {
        return new JsonObject().put("id", r.getString("id")).put("model", r.getString("model_pattern"))
                .put("effective_from", text(r.getOffsetDateTime("effective_from"))).put("input", r.getDouble("input_usd"))
                .put("cached_input", r.getDouble("cached_input_usd")).put("output", r.getDouble("output_usd"))
                .put("reasoning", r.getDouble("reasoning_usd")).put("source", r.getString("source"))
                .put("catalog_version", r.getString("catalog_version")).put("note", r.getString("note"))
                .put("created_by", r.getString("created_by")).put("created_at", text(r.getOffsetDateTime("created_at")))
                .put("in_force", r.getBoolean("in_force"));
    }

    private static JsonObject job(Row r) {
        return new JsonObject().put("id", r.getLong("id")).put("from", text(r.getOffsetDateTime("range_from")))
                .put("to", text(r.getOffsetDateTime("range_to"))).put("model", r.getString("model"))
                .put("status", r.getString("status")).put("requested_by", r.getString("requested_by"))
                .put("requested_at", text(r.getOffsetDateTime("requested_at"))).put("finished_at", text(r.getOffsetDateTime("finished_at")))
                .put("events_scanned", r.getLong("events_scanned")).put("events_repriced", r.getLong("events_repriced"))
                .put("rows_adjusted", r.getLong("rows_adjusted")).put("rows_missing", r.getLong("rows_missing"))
                .put("delta_usd", r.getDouble("delta_usd")).put("error", r.getString("error"));
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static String text(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }
}
