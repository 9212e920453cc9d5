package io.agentpulse.query.export;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CSV of any JSON answer (?format=csv or Accept: text/csv), made from the very JSON the endpoint
 * answers, so an export equals the API by construction. The table is: a columnar {t, series}
 * (one row per t, one column per series key), else the array named by ?table= or the first array
 * of objects, else the object itself as one row. Nested objects flatten to dotted columns.
 * With ?compare=previous the rows carry previous_*, delta_*, delta_pct_* (see Compare), so do the columns.
 * RFC 4180 quoting; a cell starting with = + - @ gets a leading ' so spreadsheets don't run it.
 */
public final class Csv {
    /** With ?compare=previous a series carries these arrays too: columns previous_KEY, delta_KEY, delta_pct_KEY. */
    private static final List<String> COMPARED = List.of("previous", "delta", "delta_pct");

    private Csv() {}

    public static boolean wanted(RoutingContext ctx) {
        String format = ctx.request().getParam("format");
        if (format != null) {
            return format.equalsIgnoreCase("csv");
        }
        String accept = ctx.request().getHeader("Accept");
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv");
    }

    public static String render(JsonObject json, String table) {
        Object chosen = table == null ? null : json.getValue(table);
        if (chosen == null) {
            chosen = json.containsKey("t") && json.containsKey("series") ? json : firstArray(json);
        }
        if (chosen instanceof JsonObject o && o.containsKey("t") && o.containsKey("series")) {
            return columnar(o);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        if (chosen instanceof JsonArray arr) {
            arr.forEach(v -> rows.add(flatten(v instanceof JsonObject o ? o : new JsonObject().put("value", v))));
        } else {
            rows.add(flatten(json));
        }
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(r -> columns.addAll(r.keySet()));
        StringBuilder out = new StringBuilder();
        line(out, new ArrayList<>(columns));
        for (Map<String, Object> r : rows) {
            List<Object> cells = new ArrayList<>();
            columns.forEach(c -> cells.add(r.get(c)));
            line(out, cells);
        }
        return out.toString();
    }

    private static Object firstArray(JsonObject json) {
        for (Map.Entry<String, Object> e : json) {
            if (e.getValue() instanceof JsonArray a && (a.isEmpty() || a.getValue(0) instanceof JsonObject)) {
                return a;
            }
        }
        return null;
    }

    private static String columnar(JsonObject o) {
        JsonArray t = o.getJsonArray("t");
        JsonArray series = o.getJsonArray("series");
        List<Object> header = new ArrayList<>(List.of("t"));
        for (Object each : series) {
            JsonObject s = (JsonObject) each;
            header.add(s.getString("key"));
            for (String c : COMPARED) {
                if (s.containsKey(c)) {
                    header.add(c + "_" + s.getString("key"));
                }
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header);
        for (int i = 0; i < t.size(); i++) {
            List<Object> cells = new ArrayList<>(List.of(t.getValue(i)));
            for (Object each : series) {
                JsonObject s = (JsonObject) each;
                cells.add(s.getJsonArray("values").getValue(i));
                for (String c : COMPARED) {
                    if (s.containsKey(c)) {
                        cells.add(s.getJsonArray(c).getValue(i));
                    }
                }
            }
            line(out, cells);
        }
        return out.toString();
    }

    private static Map<String, Object> flatten(JsonObject o) {
        Map<String, Object> out = new LinkedHashMap<>();
        flattenInto("", o, out);
        return out;
    }

    private static void flattenInto(String prefix, JsonObject o, Map<String, Object> out) {
        for (Map.Entry<String, Object> e : o) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof JsonObject child) {
                flattenInto(key + ".", child, out);
            } else if (!(e.getValue() instanceof JsonArray)) {
                out.put(key, e.getValue());
            }
        }
    }

    private static void line(StringBuilder out, List<Object> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = String.valueOf(v);
        if (v instanceof String && !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || s.startsWith("'")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
