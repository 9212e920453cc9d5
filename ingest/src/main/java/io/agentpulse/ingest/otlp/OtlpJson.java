package io.agentpulse.ingest.otlp;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OTLP/HTTP in JSON ({@code application/json}): the protobuf JSON mapping with OTLP's deviations —
 * trace and span ids are hex strings (not base64), enums are integers, 64-bit integers may be strings
 * or numbers. lowerCamelCase field names; the original snake_case names are accepted too. Unknown
 * fields are ignored, as the specification requires.
 */
public final class OtlpJson {
    private OtlpJson() {}

    public static List<OtlpSpan> decode(byte[] body) throws OtlpFormatException {
        JsonObject root;
        try {
            Object parsed = Buffer.buffer(body).toJsonValue();
            if (!(parsed instanceof JsonObject o)) {
                throw new OtlpFormatException("The body must be a JSON object (ExportTraceServiceRequest).");
            }
            root = o;
        } catch (DecodeException e) {
            throw new OtlpFormatException("The body is not valid JSON: " + e.getMessage());
        }
        List<OtlpSpan> spans = new ArrayList<>();
        JsonArray resourceSpans = array(root, "resourceSpans", "resource_spans", "$");
        for (int r = 0; r < resourceSpans.size(); r++) {
            String at = "resourceSpans[" + r + "]";
            JsonObject rs = object(resourceSpans.getValue(r), at);
            JsonObject res = optionalObject(field(rs, "resource", "resource"), at + ".resource");
            Map<String, Object> resource = attributes(res, at + ".resource");
            JsonArray scopes = array(rs, "scopeSpans", "scope_spans", at);
            for (int s = 0; s < scopes.size(); s++) {
                String sat = at + ".scopeSpans[" + s + "]";
                JsonArray list = array(object(scopes.getValue(s), sat), "spans", "spans", sat);
                for (int i = 0; i < list.size(); i++) {
                    spans.add(span(object(list.getValue(i), sat + ".spans[" + i + "]"), sat + ".spans[" + i + "]", resource));
                }
            }
        }
        return spans;
    }

    /** {@code {"partialSuccess":{...}}} or {@code {}}; int64 rendered as a string (proto3 JSON). */
    public static String response(long rejectedSpans, String errorMessage) {
        if (rejectedSpans == 0 && errorMessage.isEmpty()) {
            return "{}";
        }
        return new JsonObject().put("partialSuccess", new JsonObject()
                .put("rejectedSpans", Long.toString(rejectedSpans)).put("errorMessage", errorMessage)).encode();
    }

    /** A google.rpc.Status in JSON. */
    public static String status(int grpcCode, String message) {
        return new JsonObject().put("code", grpcCode).put("message", message).encode();
    }

    private static OtlpSpan span(JsonObject s, String at, Map<String, Object> resource) throws OtlpFormatException {
        JsonObject status = optionalObject(field(s, "status", "status"), at + ".status");
        int code = status == null ? 0 : (int) integer(field(status, "code", "code"), at + ".status.code", 0);
        return new OtlpSpan(hex(field(s, "traceId", "trace_id"), 32), hex(field(s, "spanId", "span_id"), 16),
                hex(field(s, "parentSpanId", "parent_span_id"), 16), text(field(s, "name", "name")),
                integer(field(s, "startTimeUnixNano", "start_time_unix_nano"), at + ".startTimeUnixNano", 0),
                integer(field(s, "endTimeUnixNano", "end_time_unix_nano"), at + ".endTimeUnixNano", 0),
                attributes(s, at), code, resource);
    }

    private static Map<String, Object> attributes(JsonObject owner, String at) throws OtlpFormatException {
        Map<String, Object> map = new HashMap<>();
        if (owner == null || field(owner, "attributes", "attributes") == null) {
            return map;
        }
        JsonArray list = array(owner, "attributes", "attributes", at);
        for (int i = 0; i < list.size(); i++) {
            JsonObject kv = object(list.getValue(i), at + ".attributes[" + i + "]");
            Object key = kv.getValue("key");
            if (!(key instanceof String k)) {
                throw new OtlpFormatException(at + ".attributes[" + i + "].key must be a string.");
            }
            Object v = anyValue(kv.getValue("value"), at + ".attributes[" + i + "].value");
            if (v != null) {
                map.put(k, v);
            }
        }
        return map;
    }

    private static Object anyValue(Object raw, String at) throws OtlpFormatException {
        if (raw == null) {
            return null;
        }
        JsonObject v = object(raw, at);
        if (v.containsKey("stringValue") || v.containsKey("string_value")) {
            Object s = field(v, "stringValue", "string_value");
            if (!(s instanceof String)) {
                throw new OtlpFormatException(at + ".stringValue must be a string.");
            }
            return s;
        }
        if (v.containsKey("intValue") || v.containsKey("int_value")) {
            return integer(field(v, "intValue", "int_value"), at + ".intValue", 0);
        }
        if (v.containsKey("doubleValue") || v.containsKey("double_value")) {
            Object d = field(v, "doubleValue", "double_value");
            if (d instanceof Number n) {
                return n.doubleValue();
            }
            throw new OtlpFormatException(at + ".doubleValue must be a number.");
        }
        if (v.containsKey("boolValue") || v.containsKey("bool_value")) {
            Object b = field(v, "boolValue", "bool_value");
            if (b instanceof Boolean) {
                return b;
            }
            throw new OtlpFormatException(at + ".boolValue must be true or false.");
        }
        if (v.containsKey("arrayValue") || v.containsKey("array_value")) {
            JsonObject arr = object(field(v, "arrayValue", "array_value"), at + ".arrayValue");
            List<Object> items = new ArrayList<>();
            JsonArray values = arr.getValue("values") == null ? new JsonArray() : array(arr, "values", "values", at);
            for (int i = 0; i < values.size(); i++) {
                Object o = anyValue(values.getValue(i), at + ".arrayValue.values[" + i + "]");
                if (o != null && !(o instanceof List)) {
                    items.add(o);
                }
            }
            return items;
        }
        return null; // kvlistValue, bytesValue, empty: nothing we map
    }

    /** An int64: a JSON number or a decimal string (proto3 JSON writes int64 as strings). */
    private static long integer(Object raw, String at, long absent) throws OtlpFormatException {
        if (raw == null) {
            return absent;
        }
        if (raw instanceof Number n) {
            double d = n.doubleValue();
            if (n instanceof Double || n instanceof Float) {
                if (d != Math.rint(d)) {
                    throw new OtlpFormatException(at + " must be an integer, not " + raw + ".");
                }
            }
            return n.longValue();
        }
        if (raw instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return enumValue(s, at);
            }
        }
        throw new OtlpFormatException(at + " must be an integer (number or decimal string).");
    }

    /** Enum names some encoders write instead of numbers (STATUS_CODE_ERROR). */
    private static long enumValue(String s, String at) throws OtlpFormatException {
        return switch (s.toUpperCase(Locale.ROOT)) {
            case "STATUS_CODE_UNSET" -> 0;
            case "STATUS_CODE_OK" -> 1;
            case "STATUS_CODE_ERROR" -> 2;
            default -> throw new OtlpFormatException(at + " must be an integer, not \"" + abbreviate(s) + "\".");
        };
    }

    /** Lowercase hex of {@code chars} characters; null when absent, malformed or all zero (an invalid id). */
    private static String hex(Object raw, int chars) {
        if (!(raw instanceof String s) || s.length() != chars) {
            return null;
        }
        boolean nonZero = false;
        for (int i = 0; i < chars; i++) {
            char c = s.charAt(i);
            if (Character.digit(c, 16) < 0) {
                return null;
            }
            nonZero |= c != '0';
        }
        return nonZero ? s.toLowerCase(Locale.ROOT) : null;
    }

    private static Object field(JsonObject o, String camel, String snake) {
        Object v = o.getValue(camel);
        return v != null ? v : o.getValue(snake);
    }

    private static String text(Object raw) {
        return raw instanceof String s ? s : "";
    }

    private static JsonArray array(JsonObject o, String camel, String snake, String at) throws OtlpFormatException {
        Object v = field(o, camel, snake);
        if (v == null) {
            return new JsonArray();
        }
        if (v instanceof JsonArray a) {
            return a;
        }
        throw new OtlpFormatException(at + "." + camel + " must be an array.");
    }

    private static JsonObject object(Object v, String at) throws OtlpFormatException {
        if (v instanceof JsonObject o) {
            return o;
        }
        throw new OtlpFormatException(at + " must be an object.");
    }

    private static JsonObject optionalObject(Object v, String at) throws OtlpFormatException {
        return v == null ? null : object(v, at);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
