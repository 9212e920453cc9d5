package io.agentpulse.ingest.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.agentpulse.avro.AgentEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of {@link AgentEvent}: Avro field names in snake_case, {@code event_time} as epoch
 * milliseconds or an ISO-8601 instant, {@code kind} defaulting to SPAN, {@code status} OK/ERROR in
 * any case, unknown fields skipped and counted. Decoding uses Jackson's streaming parser only (no
 * data binding on the hot path) and judges each event on its own: one bad event never costs the
 * others. Thread-safe (the factory is shared, every call has its own parser and reader).
 */
public final class EventJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private EventJson() {}

    /**
     * Decodes a JSON array of event objects (a single object is taken as a batch of one).
     *
     * @throws MalformedJsonException when the body is not well-formed JSON or not an array/object;
     *                                nothing of such a body is accepted (the array cannot be resynchronised)
     */
    public static ParsedBatch parseArray(byte[] body, EventRules rules) throws MalformedJsonException {
        return parseArray(body, 0, body.length, rules);
    }

    public static ParsedBatch parseArray(byte[] body, int offset, int length, EventRules rules)
            throws MalformedJsonException {
        EventReader reader = new EventReader(rules);
        List<AgentEvent> events = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(body, offset, length)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                collect(reader.read(p, 0), events, rejections);
            } else if (first == JsonToken.START_ARRAY) {
                readElements(p, reader, events, rejections);
            } else {
                throw malformed("expected a JSON array of events, not " + EventReader.describe(first), p);
            }
            if (p.nextToken() != null) {
                throw malformed("unexpected content after the end of the batch", p);
            }
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory input: no real I/O can fail
        }
        return new ParsedBatch(events, rejections, reader.unknownFields());
    }

    /**
     * Decodes newline-delimited JSON: one event object per line, blank lines skipped. A malformed
     * line is rejected on its own (field {@code $}, reason naming line and column); the others stand.
     */
    public static ParsedBatch parseNdjson(byte[] body, EventRules rules) {
        EventReader reader = new EventReader(rules);
        List<AgentEvent> events = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        int line = 0;
        int index = 0;
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                line++;
                if (!blank(body, start, i)) {
                    collect(readLine(body, start, i - start, line, index++, reader), events, rejections);
                }
                start = i + 1;
            }
        }
        return new ParsedBatch(events, rejections, reader.unknownFields());
    }

    /**
     * Decodes and checks one event object.
     *
     * @throws IllegalArgumentException naming the field and the rule when the event is invalid
     */
    public static AgentEvent parseEvent(String json, EventRules rules) throws MalformedJsonException {
        ParsedBatch batch = parseArray(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), rules);
        if (batch.total() != 1) {
            throw new IllegalArgumentException("Expected exactly one event, got " + batch.total() + ".");
        }
        if (!batch.rejections().isEmpty()) {
            Rejection r = batch.rejections().get(0);
            throw new IllegalArgumentException(r.field() + " " + r.reason());
        }
        return batch.events().get(0);
    }

    /** One event as a JSON object in the format {@link #parseArray} reads (null fields omitted). */
    static String toJson(AgentEvent event) {
        return EventWriter.object(event);
    }

    /** Events as a JSON array in the format {@link #parseArray} reads. */
    public static String toJsonArray(List<AgentEvent> events) {
        return EventWriter.array(events);
    }

    private static void readElements(JsonParser p, EventReader reader, List<AgentEvent> events,
                                     List<Rejection> rejections) throws IOException {
        int index = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.START_OBJECT) {
                collect(reader.read(p, index), events, rejections);
            } else {
                rejections.add(new Rejection(index, "$", "must be a JSON object, not " + EventReader.describe(t), "type"));
                p.skipChildren();
            }
            index++;
        }
    }

    private static Object readLine(byte[] body, int offset, int length, int line, int index, EventReader reader) {
        try (JsonParser p = FACTORY.createParser(body, offset, length)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                return new Rejection(index, "$", "must be a JSON object, not " + EventReader.describe(t), "type");
            }
            Object result = reader.read(p, index);
            if (p.nextToken() != null) {
                return new Rejection(index, "$", "malformed JSON: more than one value on line " + line, "malformed");
            }
            return result;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            long column = at == null ? 0 : at.getColumnNr();
            return new Rejection(index, "$", "malformed JSON: " + clean(e) + " at line " + line
                    + ", column " + column, "malformed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(Object result, List<AgentEvent> events, List<Rejection> rejections) {
        if (result instanceof AgentEvent e) {
            events.add(e);
        } else {
            rejections.add((Rejection) result);
        }
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Jackson's message without its source description (noise to a client). */
    private static String clean(JsonProcessingException e) {
        return e.getOriginalMessage().replaceAll("\\[Source: [^;]*; ", "[");
    }

    private static MalformedJsonException malformed(String problem, JsonParser p) {
        JsonLocation at = p.currentTokenLocation();
        return new MalformedJsonException(problem, at.getLineNr(), at.getColumnNr());
    }

    private static MalformedJsonException malformed(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return new MalformedJsonException("malformed JSON: " + clean(e),
                at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr());
    }
}
