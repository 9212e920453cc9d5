package io.agentpulse.ingest.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.EventKind;
import io.agentpulse.avro.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventJsonTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final EventRules RULES = EventRules.defaults(Clock.fixed(NOW, ZoneOffset.UTC));

    static String event(String extra) {
        return "{\"event_id\":\"e1\",\"agent_id\":\"a1\",\"event_time\":" + NOW.toEpochMilli()
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    static ParsedBatch parse(String json) throws MalformedJsonException {
        return EventJson.parseArray(json.getBytes(UTF_8), RULES);
    }

    static Rejection rejectionOf(String extra) throws MalformedJsonException {
        ParsedBatch b = parse("[" + event(extra) + "]");
        assertThat(b.events()).isEmpty();
        assertThat(b.rejections()).hasSize(1);
        return b.rejections().get(0);
    }

    @Test
    void minimalEventGetsDefaults() throws Exception {
        AgentEvent e = EventJson.parseEvent(event(""), RULES);
        assertThat(e.getEventId()).isEqualTo("e1");
        assertThat(e.getAgentId()).isEqualTo("a1");
        assertThat(e.getEventTime()).isEqualTo(NOW);
        assertThat(e.getKind()).isEqualTo(EventKind.SPAN);
        assertThat(e.getStatus()).isEqualTo(Status.OK);
        assertThat(e.getAttributes()).isEmpty();
        assertThat(e.getLatencyMs()).isNull();
    }

    @Test
    void fullEventRoundTripsThroughToJson() throws Exception {
        String json = event("\"kind\":\"feedback\",\"environment\":\"prod\",\"model\":\"gpt-4o\",\"provider\":\"openai\","
                + "\"operation\":\"chat\",\"latency_ms\":812.5,\"ttft_ms\":120,\"input_tokens\":1000,\"output_tokens\":200,"
                + "\"cached_input_tokens\":400,\"reasoning_tokens\":50,\"cost_usd\":0.0123,\"status\":\"error\","
                + "\"error_type\":\"timeout\",\"tool_name\":\"search\",\"conversation_id\":\"c\",\"trace_id\":\"t\","
                + "\"span_id\":\"s\",\"parent_span_id\":\"p\",\"feedback_score\":0.5,\"host_cpu\":0.25,"
                + "\"host_memory_bytes\":1048576,\"attributes\":{\"team\":\"search\",\"region\":\"eu\"}");
        AgentEvent e = EventJson.parseEvent(json, RULES);
        assertThat(e.getKind()).isEqualTo(EventKind.FEEDBACK);
        assertThat(e.getStatus()).isEqualTo(Status.ERROR);
        assertThat(e.getLatencyMs()).isEqualTo(812.5);
        assertThat(e.getTtftMs()).isEqualTo(120.0);
        assertThat(e.getCachedInputTokens()).isEqualTo(400L);
        assertThat(e.getAttributes()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "search", "region", "eu"));
        AgentEvent again = EventJson.parseEvent(EventJson.toJson(e), RULES);
        assertThat(again).isEqualTo(e);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"2026-11-22T09:59:00Z\"        | 2026-11-22T09:59:00Z",
        "\"2026-11-22T09:59:00.123Z\"    | 2026-11-22T09:59:00.123Z",
        "\"2026-11-22T10:59:00+01:00\"   | 2026-11-22T09:59:00Z",
        "1795341540000                   | 2026-11-22T09:59:00Z",
        "1795341540000.9                 | 2026-11-22T09:59:00Z",
    })
    void eventTimeIsEpochMillisOrIsoInstant(String json, String expected) throws Exception {
        String body = "{\"event_id\":\"e\",\"agent_id\":\"a\",\"event_time\":" + json + "}";
        assertThat(EventJson.parseEvent(body, RULES).getEventTime()).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"latency_ms\":-1                    | latency_ms          | must be >= 0",
        "\"ttft_ms\":-0.5                     | ttft_ms             | must be >= 0",
        "\"latency_ms\":\"12\"                | latency_ms          | must be a number, not a string",
        "\"latency_ms\":1e400                 | latency_ms          | must be a finite number",
        "\"cost_usd\":-0.01                   | cost_usd            | must be >= 0",
        "\"input_tokens\":-3                  | input_tokens        | must be >= 0",
        "\"output_tokens\":1.5                | output_tokens       | must be an integer, not a fraction",
        "\"input_tokens\":true                | input_tokens        | must be an integer, not a boolean",
        "\"input_tokens\":99999999999999999999 | input_tokens       | must be an integer below 2^63",
        "\"input_tokens\":10,\"cached_input_tokens\":11   | cached_input_tokens | must be <= input_tokens",
        "\"output_tokens\":10,\"reasoning_tokens\":11     | reasoning_tokens    | must be <= output_tokens",
        "\"feedback_score\":1.5               | feedback_score      | must be between 0 and 1",
        "\"status\":\"MAYBE\"                 | status              | must be OK or ERROR, not \"MAYBE\"",
        "\"kind\":\"LOG\"                     | kind                | must be one of SPAN, FEEDBACK, HEARTBEAT, not \"LOG\"",
        "\"model\":42                         | model               | must be a string, not a number",
        "\"attributes\":[]                    | attributes          | must be an object of strings, not an array",
        "\"attributes\":{\"n\":1}             | attributes.n        | must be a string, not a number",
        "\"attributes\":{\"n\":{\"x\":\"y\"}} | attributes.n        | must be a string, not an object",
    })
    void eachRuleNamesFieldAndReason(String extra, String field, String reason) throws Exception {
        Rejection r = rejectionOf(extra);
        assertThat(r.field()).isEqualTo(field);
        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.index()).isZero();
    }

    @Test
    void requiredFields() throws Exception {
        assertThat(parse("[{\"agent_id\":\"a\",\"event_time\":" + NOW.toEpochMilli() + "}]").rejections().get(0))
                .extracting(Rejection::field, Rejection::reason, Rejection::code)
                .containsExactly("event_id", "is required", "required");
        assertThat(parse("[{\"event_id\":\"e\",\"event_time\":" + NOW.toEpochMilli() + "}]").rejections().get(0).field())
                .isEqualTo("agent_id");
        assertThat(parse("[{\"event_id\":\"e\",\"agent_id\":\"a\"}]").rejections().get(0))
                .extracting(Rejection::field, Rejection::reason).containsExactly("event_time", "is required");
        assertThat(parse("[{\"event_id\":\"\",\"agent_id\":\"a\",\"event_time\":" + NOW.toEpochMilli() + "}]")
                .rejections().get(0).reason()).isEqualTo("must not be empty");
        assertThat(parse("[{\"event_id\":null,\"agent_id\":\"a\",\"event_time\":" + NOW.toEpochMilli() + "}]")
                .rejections().get(0).reason()).isEqualTo("is required");
    }

    @Test
    void idLengthBounds() throws Exception {
        String ok = "x".repeat(128);
        String body = "[{\"event_id\":\"" + ok + "\",\"agent_id\":\"" + "a".repeat(256) + "\",\"event_time\":"
                + NOW.toEpochMilli() + "},{\"event_id\":\"" + ok + "y\",\"agent_id\":\"a\",\"event_time\":"
                + NOW.toEpochMilli() + "},{\"event_id\":\"e\",\"agent_id\":\"" + "a".repeat(257) + "\",\"event_time\":"
                + NOW.toEpochMilli() + "}]";
        ParsedBatch b = parse(body);
        assertThat(b.events()).hasSize(1);
        assertThat(b.rejections()).extracting(Rejection::index, Rejection::field, Rejection::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "event_id", "must be at most 128 characters, not 129"),
                org.assertj.core.groups.Tuple.tuple(2, "agent_id", "must be at most 256 characters, not 257"));
    }

    @Test
    void timeBoundsFutureAndPast() throws Exception {
        long fiveMinutes = Duration.ofMinutes(5).toMillis();
        String body = "[" + at(NOW.toEpochMilli() + fiveMinutes) + "," + at(NOW.toEpochMilli() + fiveMinutes + 1) + ","
                + at(NOW.minus(Duration.ofDays(7)).toEpochMilli()) + "," + at(NOW.minus(Duration.ofDays(8)).toEpochMilli()) + "]";
        ParsedBatch b = parse(body);
        assertThat(b.events()).hasSize(2);
        assertThat(b.rejections()).extracting(Rejection::index, Rejection::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "time_future"),
                        org.assertj.core.groups.Tuple.tuple(3, "time_past"));
        assertThat(b.rejections().get(0).reason()).isEqualTo("is 5m ahead of the gateway clock; the bound is 5m");
        assertThat(b.rejections().get(1).reason()).isEqualTo("is 8d old; the bound is 7d");
    }

    @Test
    void boundsAreConfigurable() throws Exception {
        EventRules tight = new EventRules(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(1), Duration.ofHours(1));
        String body = "[" + at(NOW.toEpochMilli() + 2000) + "," + at(NOW.minusSeconds(7200).toEpochMilli()) + "]";
        assertThat(EventJson.parseArray(body.getBytes(UTF_8), tight).rejections()).hasSize(2);
    }

    @Test
    void badIsoTimeNamesTheExpectedForms() throws Exception {
        Rejection r = parse("[{\"event_id\":\"e\",\"agent_id\":\"a\",\"event_time\":\"yesterday\"}]").rejections().get(0);
        assertThat(r.field()).isEqualTo("event_time");
        assertThat(r.reason()).contains("epoch milliseconds or an ISO-8601 instant").contains("yesterday");
        Rejection t = parse("[{\"event_id\":\"e\",\"agent_id\":\"a\",\"event_time\":true}]").rejections().get(0);
        assertThat(t.reason()).isEqualTo("must be epoch milliseconds or an ISO-8601 instant string, not a boolean");
    }

    @Test
    void attributeBounds() throws Exception {
        StringBuilder many = new StringBuilder("\"attributes\":{");
        for (int i = 0; i < 65; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        String sixtyFour = many.toString().replace(",\"k64\":\"v\"", "") + "}";
        assertThat(rejectionOf(many.append("}").toString()).reason()).isEqualTo("must have at most 64 entries");
        assertThat(rejectionOf("\"attributes\":{\"" + "k".repeat(129) + "\":\"v\"}").reason())
                .isEqualTo("keys must be at most 128 characters, not 129");
        assertThat(rejectionOf("\"attributes\":{\"k\":\"" + "v".repeat(1025) + "\"}"))
                .extracting(Rejection::field, Rejection::reason)
                .containsExactly("attributes.k", "must be at most 1024 characters, not 1025");
        assertThat(parse("[" + event(sixtyFour) + "]").events().get(0).getAttributes()).hasSize(64);
    }

    @Test
    void unknownFieldsAreSkippedAndCounted() throws Exception {
        ParsedBatch b = parse("[" + event("\"future_field\":{\"nested\":[1,2,{\"x\":3}]},\"other\":7") + "]");
        assertThat(b.events()).hasSize(1);
        assertThat(b.unknownFields()).isEqualTo(2);
    }

    @Test
    void partialSuccessKeepsOrderAndIndexes() throws Exception {
        ParsedBatch b = parse("[" + event("") + "," + event("\"latency_ms\":-1") + ",42," + event("\"model\":\"m\"") + "]");
        assertThat(b.events()).extracting(AgentEvent::getModel).containsExactly(null, "m");
        assertThat(b.rejections()).extracting(Rejection::index, Rejection::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "latency_ms"),
                        org.assertj.core.groups.Tuple.tuple(2, "$"));
        assertThat(b.rejections().get(1).reason()).isEqualTo("must be a JSON object, not a number");
        assertThat(b.total()).isEqualTo(4);
    }

    @Test
    void singleObjectIsABatchOfOneAndEmptyArrayIsEmpty() throws Exception {
        assertThat(parse(event("")).events()).hasSize(1);
        assertThat(parse(" [ ] ").total()).isZero();
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        assertThatThrownBy(() -> parse("[\n" + event("") + ",\n{\"event_id\": }]"))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageContaining("malformed JSON")
                .hasMessageContaining("line 3, column 14")
                .satisfies(e -> assertThat(((MalformedJsonException) e).line()).isEqualTo(3));
        assertThatThrownBy(() -> parse("[" + event(""))).hasMessageContaining("end-of-input");
        assertThatThrownBy(() -> parse("\"hello\"")).hasMessageContaining("expected a JSON array of events, not a string");
        assertThatThrownBy(() -> parse("[] []")).hasMessageContaining("unexpected content after the end of the batch");
        assertThatThrownBy(() -> parse("")).hasMessageContaining("not nothing");
    }

    @Test
    void ndjsonJudgesEachLineAlone() {
        String body = event("") + "\r\n\n  \n{\"event_id\": oops}\n" + event("\"latency_ms\":-2") + "\n"
                + event("\"model\":\"m\"") + " {}\n" + event("\"model\":\"last\"");
        ParsedBatch b = EventJson.parseNdjson(body.getBytes(UTF_8), RULES);
        assertThat(b.events()).extracting(AgentEvent::getModel).containsExactly(null, "last");
        assertThat(b.rejections()).extracting(Rejection::index, Rejection::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "$"),
                        org.assertj.core.groups.Tuple.tuple(2, "latency_ms"),
                        org.assertj.core.groups.Tuple.tuple(3, "$"));
        assertThat(b.rejections().get(0).reason()).startsWith("malformed JSON: ").contains("at line 4, column");
        assertThat(b.rejections().get(2).reason()).isEqualTo("malformed JSON: more than one value on line 6");
    }

    @Test
    void toJsonArrayIsReadBack() throws Exception {
        AgentEvent e = EventJson.parseEvent(event("\"model\":\"m\""), RULES);
        assertThat(parse(EventJson.toJsonArray(java.util.List.of(e, e))).events()).containsExactly(e, e);
    }

    private static String at(long ms) {
        return "{\"event_id\":\"e\",\"agent_id\":\"a\",\"event_time\":" + ms + "}";
    }
}
