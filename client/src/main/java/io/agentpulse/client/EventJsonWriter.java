package io.agentpulse.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The gateway's JSON form of events ({@code POST /v1/events}): schema field names, {@code event_time} in epoch
 * milliseconds, enums by name, unset fields left out. Written by hand on purpose: it only writes, one flat shape,
 * and it keeps the HTTP path free of any dependency (a JSON library would be the client's largest part).
 * {@code ClientToGatewayTest} (module ingest) has the gateway's own parser read what this writes.
 */
final class EventJsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private EventJsonWriter() {}

    static String array(List<PulseEvent> events) {
        StringBuilder out = new StringBuilder(events.size() * 320 + 2).append('[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            object(events.get(i), out);
        }
        return out.append(']').toString();
    }

    static String object(PulseEvent e) {
        StringBuilder out = new StringBuilder(320);
        object(e, out);
        return out.toString();
    }

    private static void object(PulseEvent e, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (EventField f : EventField.values()) {
            Object v = e.value(f);
            if (v == null) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            string(f.wireName, out);
            out.append(':');
            value(v, out);
        }
        out.append('}');
    }

    private static void value(Object v, StringBuilder out) {
        if (v instanceof Instant t) {
            out.append(t.toEpochMilli());
        } else if (v instanceof Number n) {
            out.append(n); // Long, or a finite Double (checked when set): both valid JSON numbers
        } else if (v instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> en : m.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                string(en.getKey().toString(), out);
                out.append(':');
                string(en.getValue().toString(), out);
            }
            out.append('}');
        } else {
            string(v.toString(), out); // text and enum names
        }
    }

    /** A JSON string (RFC 8259): quote, backslash and the control characters escaped; the rest as is (UTF-8 on the wire). */
    static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
