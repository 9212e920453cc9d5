package io.agentpulse.query.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Set;
import java.util.function.Function;

/**
 * ?compare=previous on every range endpoint (summary, timeseries, agents, agents/{id}, models, cost,
 * quality, errors, hosts, hosts/timeseries): the same query runs a second time over the previous period, [from - (to - from), from)
 * (same length, immediately before), through the same code and the same rollup reads, and the two
 * answers are merged by {@link CompareMerge}: every figure F gains previous_F, delta_F (F - previous)
 * and delta_pct_F (delta / previous; null when the previous is 0 or absent). Ratios and percentiles
 * are compared as the values each period's own query computed (percentiles from that period's merged
 * sketches), never averaged. compare=none (or absent) answers as before; any other value is a 400.
 */
final class Compare {
    /**
     * Internal parameter (never read from the request): the series keys the previous period of a
     * grouped timeseries must show, a JSON array, so both periods draw the same keys (the current
     * period's top keys) instead of each ranking its own.
     */
    static final String KEYS = "\u0000compare.keys";

    private Compare() {}

    /** Whether ?compare asks for the previous period. */
    static boolean wanted(String raw) {
        String v = Params.blankToNull(raw);
        if (v == null || v.trim().equalsIgnoreCase("none")) {
            return false;
        }
        if (v.trim().equalsIgnoreCase("previous")) {
            return true;
        }
        throw new ParamException("compare", "unknown-compare",
                "The parameter compare is '" + raw + "'; expected previous or none.");
    }

    /** The previous period of [from, to): [from - (to - from), from). */
    static Params.Range previous(Params.Range r) {
        long from;
        try {
            from = Math.subtractExact(r.fromMs(), Math.subtractExact(r.toMs(), r.fromMs()));
        } catch (ArithmeticException e) {
            throw new ParamException("from", "out-of-range", "The range has no previous period of the same length "
                    + "(it would start before the earliest representable time).");
        }
        return new Params.Range(from, r.fromMs());
    }

    /**
     * The query with ?compare handled: without it, the query itself; with it, the query over the
     * range resolved once (to = now when absent, so both periods end where the first one starts)
     * and over the previous period, merged. Parameter errors are thrown synchronously (a 400).
     */
    static Function<Function<String, String>, Future<JsonObject>> wrap(
            Function<Function<String, String>, Future<JsonObject>> query, Clock clock) {
        return raw -> {
            Function<String, String> q = name -> KEYS.equals(name) ? null : raw.apply(name);
            if (!wanted(q.apply("compare"))) {
                return query.apply(q);
            }
            Params.Range cur = Params.range(q, clock);
            Params.Range prev = previous(cur);
            Function<String, String> curQ = at(q, cur, null);
            Future<JsonObject> now = query.apply(curQ);
            // A grouped timeseries: the previous period draws the current period's keys (hence after it).
            Future<JsonObject> before = Params.blankToNull(q.apply("group_by")) == null
                    ? query.apply(at(q, prev, null))
                    : now.compose(c -> query.apply(at(q, prev, keys(c))));
            // An agent unknown in the previous period (404 there) is compared with nothing.
            Future<JsonObject> previous = before.recover(err -> err instanceof NotFoundException
                    ? Future.succeededFuture(null) : Future.failedFuture(err));
            return Future.all(now, previous).map(done -> CompareMerge.merge(now.result(), previous.result(),
                    rowShift(now.result(), cur, prev)).put("compare", new JsonObject().put("mode", "previous")
                    .put("from", prev.fromMs()).put("to", prev.toMs()).put("shift_ms", cur.fromMs() - prev.fromMs())));
        };
    }

    /**
     * How far apart the rows with a t of the two answers are: the period's length, rounded to the
     * answer's step_ms when it has one (each period's buckets start on the step grid: floor(from)).
     */
    static long rowShift(JsonObject answer, Params.Range cur, Params.Range prev) {
        long step = answer.getLong("step_ms", 0L);
        return step <= 0 ? cur.fromMs() - prev.fromMs()
                : Math.floorDiv(cur.fromMs(), step) * step - Math.floorDiv(prev.fromMs(), step) * step;
    }

    private static Function<String, String> at(Function<String, String> q, Params.Range r, String keys) {
        return name -> switch (name) {
            case "from" -> String.valueOf(r.fromMs());
            case "to" -> String.valueOf(r.toMs());
            case KEYS -> keys;
            default -> q.apply(name);
        };
    }

    private static String keys(JsonObject answer) {
        JsonArray keys = new JsonArray();
        JsonArray series = answer.getJsonArray("series", new JsonArray());
        series.forEach(s -> keys.add(((JsonObject) s).getString("key")));
        return keys.encode();
    }

    /** The fields that describe an answer, not a period's figures: copied, never compared. */
    static final Set<String> NOT_FIGURES = Set.of("from", "to", "requested_from", "requested_to", "resolution_ms",
            "step_ms", "step", "t", "last_seen", "now", "objective", "budget_monthly_usd", "today_usd", "yesterday_usd",
            "month_to_date_usd", "month_projection_usd", "known_agents", "active_agents");

    /** Lists of single calls or samples (no period aggregate to compare): copied as they are. */
    static final Set<String> NOT_COMPARED_LISTS = Set.of("recent_errors", "slowest", "heartbeats", "events");
}
