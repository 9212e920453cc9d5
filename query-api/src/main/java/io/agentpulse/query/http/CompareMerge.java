package io.agentpulse.query.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Merges an answer with the same query's answer over the previous period (see {@link Compare}).
 * Shapes, all generic so every endpoint (and every field added later) is compared the same way:
 * <ul>
 * <li>a number F: previous_F, delta_F, delta_pct_F right after it;</li>
 * <li>an object of figures F (e.g. latency_ms): previous_F, delta_F, delta_pct_F objects of the same shape;</li>
 * <li>a columnar {t, series} (timeseries, cost by_day): each series gains previous, delta, delta_pct
 *     arrays aligned with t: bucket i pairs with bucket i of the previous answer (same length, same
 *     step), i.e. the bucket one period earlier rounded to whole steps; none when that is under a step;</li>
 * <li>an array of rows: each row merged with the previous row of the same key (its first string
 *     field, e.g. agent_id or model; rows with a t are matched at t - shift); a key the previous
 *     period lacks gets null previous, delta and delta_pct.</li>
 * </ul>
 */
final class CompareMerge {
    private CompareMerge() {}

    /**
     * shiftMs: how much earlier the previous period's rows with a t start (its length, rounded to the
     * answer's step when it has one: see {@link Compare#rowShift}).
     */
    static JsonObject merge(JsonObject cur, JsonObject prev, long shiftMs) {
        if (cur.containsKey("t") && cur.containsKey("series")) {
            return columnar(cur, prev, shiftMs);
        }
        JsonObject out = new JsonObject();
        for (Map.Entry<String, Object> e : cur) {
            String k = e.getKey();
            Object v = e.getValue();
            Object p = prev == null ? null : prev.getValue(k);
            if (Compare.NOT_FIGURES.contains(k)) {
                out.put(k, v);
            } else if (v instanceof Number n) {
                putFigure(out, k, n, p instanceof Number pn ? pn : null);
            } else if (v instanceof JsonObject o && o.containsKey("t") && o.containsKey("series")) {
                out.put(k, columnar(o, p instanceof JsonObject po ? po : null, shiftMs));
            } else if (v instanceof JsonObject o) {
                JsonObject po = p instanceof JsonObject x ? x : null;
                out.put(k, o);
                out.put("previous_" + k, po);
                out.put("delta_" + k, differences(o, po, false));
                out.put("delta_pct_" + k, differences(o, po, true));
            } else if (v instanceof JsonArray a && !Compare.NOT_COMPARED_LISTS.contains(k) && isRows(a)) {
                out.put(k, rows(a, p instanceof JsonArray pa ? pa : new JsonArray(), shiftMs));
            } else {
                out.put(k, v);
            }
        }
        return out;
    }

    private static void putFigure(JsonObject out, String k, Number cur, Number prev) {
        out.put(k, cur);
        out.put("previous_" + k, prev);
        out.put("delta_" + k, delta(cur, prev));
        out.put("delta_pct_" + k, deltaPct(cur, prev));
    }

    /** cur - prev; whole when both are whole numbers; null when either is null. */
    static Number delta(Number cur, Number prev) {
        if (cur == null || prev == null) {
            return null;
        }
        if (whole(cur) && whole(prev)) {
            return cur.longValue() - prev.longValue();
        }
        return Json.num(cur.doubleValue() - prev.doubleValue());
    }

    /** (cur - prev) / |prev|; null when prev is 0 or null or cur is null (no relative change of nothing). */
    static Double deltaPct(Number cur, Number prev) {
        if (cur == null || prev == null || prev.doubleValue() == 0) {
            return null;
        }
        return Json.num((cur.doubleValue() - prev.doubleValue()) / Math.abs(prev.doubleValue()));
    }

    private static boolean whole(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    /** The object of deltas (or relative deltas) of the figures in o, recursively; null without a previous. */
    private static JsonObject differences(JsonObject o, JsonObject p, boolean pct) {
        if (p == null) {
            return null;
        }
        JsonObject d = new JsonObject();
        for (Map.Entry<String, Object> e : o) {
            Object pv = p.getValue(e.getKey());
            if (Compare.NOT_FIGURES.contains(e.getKey())) {
                continue;
            }
            if (e.getValue() instanceof Number n) {
                Number pn = pv instanceof Number x ? x : null;
                d.put(e.getKey(), pct ? deltaPct(n, pn) : delta(n, pn));
            } else if (e.getValue() instanceof JsonObject child && !child.containsKey("series")) {
                d.put(e.getKey(), differences(child, pv instanceof JsonObject x ? x : null, pct));
            }
        }
        return d;
    }

    private static boolean isRows(JsonArray a) {
        return !a.isEmpty() && a.getValue(0) instanceof JsonObject;
    }

    private static JsonArray rows(JsonArray cur, JsonArray prev, long shiftMs) {
        JsonObject first = cur.getJsonObject(0);
        boolean timed = first.getValue("t") instanceof Number;
        String keyName = timed ? "t" : keyName(first);
        Map<Object, JsonObject> before = new HashMap<>();
        prev.forEach(v -> {
            if (v instanceof JsonObject r && keyName != null) {
                before.put(timed ? (Object) (r.getLong("t") + shiftMs) : r.getValue(keyName), r);
            }
        });
        JsonArray out = new JsonArray();
        cur.forEach(v -> {
            JsonObject r = (JsonObject) v;
            Object key = keyName == null ? null : timed ? (Object) r.getLong("t") : r.getValue(keyName);
            out.add(merge(r, key == null ? null : before.get(key), shiftMs));
        });
        return out;
    }

    /** A row's key: its first string field (agent_id, model, operation, tool ...); null when none. */
    private static String keyName(JsonObject row) {
        for (Map.Entry<String, Object> e : row) {
            if (e.getValue() instanceof String) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Each series of {t, series} gains previous/delta/delta_pct arrays aligned with t (the bucket one period earlier). */
    private static JsonObject columnar(JsonObject cur, JsonObject prev, long shiftMs) {
        JsonArray t = cur.getJsonArray("t");
        Map<Long, Integer> prevIndex = new HashMap<>();
        Map<String, JsonArray> prevValues = new HashMap<>();
        if (prev != null && prev.getValue("t") instanceof JsonArray pt && prev.getValue("series") instanceof JsonArray ps
                && !t.isEmpty() && !pt.isEmpty()) {
            // Each answer's buckets start on its own step grid: the pairs are one aligned shift apart
            // (the period rounded to whole steps); a shift under one step pairs nothing (same bucket).
            long step = cur.getLong("step_ms", t.size() > 1 ? t.getLong(1) - t.getLong(0) : 1L);
            long aligned = t.getLong(0) - pt.getLong(0);
            for (int i = 0; i < pt.size() && aligned >= step; i++) {
                prevIndex.put(pt.getLong(i) + aligned, i);
            }
            ps.forEach(s -> prevValues.put(((JsonObject) s).getString("key"), ((JsonObject) s).getJsonArray("values")));
        }
        JsonArray series = new JsonArray();
        for (Object o : cur.getJsonArray("series")) {
            JsonObject s = ((JsonObject) o).copy();
            JsonArray values = s.getJsonArray("values");
            JsonArray pv = prevValues.get(s.getString("key"));
            JsonArray previous = new JsonArray();
            JsonArray delta = new JsonArray();
            JsonArray pct = new JsonArray();
            for (int i = 0; i < t.size(); i++) {
                Integer j = prevIndex.get(t.getLong(i));
                Number p = pv == null || j == null || j >= pv.size() ? null : (Number) pv.getValue(j);
                Number c = i < values.size() ? (Number) values.getValue(i) : null;
                previous.add(p);
                delta.add(delta(c, p));
                pct.add(deltaPct(c, p));
            }
            series.add(s.put("previous", previous).put("delta", delta).put("delta_pct", pct));
        }
        return cur.copy().put("series", series);
    }
}
