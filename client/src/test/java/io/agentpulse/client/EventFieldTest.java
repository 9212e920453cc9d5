package io.agentpulse.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.EventKind;
import io.agentpulse.avro.Status;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/** The client's event against the platform's schema: same fields, and both encodings read back by the platform's classes. */
class EventFieldTest {
    private static final Instant T = Instant.parse("2026-11-22T10:00:00.123Z");

    static PulseEvent everyFieldSet() {
        return PulseEvent.builder().setEventId("e-1").setEventTime(T).setAgentId("a").setKind(PulseEvent.Kind.HEARTBEAT)
                .setEnvironment("prod").setModel("gpt-4o").setProvider("openai").setOperation("chat").setLatencyMs(812.5)
                .setTtftMs(1e-5).setInputTokens(1200L).setOutputTokens(300L).setCachedInputTokens(40L).setReasoningTokens(5L)
                .setCostUsd(0.0123).setStatus(PulseEvent.Status.ERROR).setErrorType("timeout").setToolName("search")
                .setConversationId("c").setTraceId("t").setSpanId("s").setParentSpanId("p").setFeedbackScore(0.75)
                .setHostCpu(0.5).setHostMemoryBytes(1L << 40).setAttributes(Map.of("k", TransportContract.AWKWARD)).build();
    }

    @Test
    void theFieldsAreThoseOfTheSchemasModulesFileInItsOrder() {
        assertThat(Arrays.stream(EventField.values()).map(f -> f.wireName).toList())
                .isEqualTo(AgentEvent.getClassSchema().getFields().stream().map(Schema.Field::name).toList());
        // Same schema (Parsing Canonical Form); the generated class only adds Java-side "avro.java.string" properties.
        assertThat(SchemaNormalization.toParsingForm(AvroEventEncoder.SCHEMA)).isEqualTo(SchemaNormalization.toParsingForm(AgentEvent.getClassSchema()));
    }

    @Test
    void avroBytesDecodeAsThePlatformsAgentEvent() throws Exception {
        byte[] framed = new AvroEventEncoder().encode(everyFieldSet(), 0x01020304);
        assertThat(Arrays.copyOf(framed, 5)).containsExactly(0, 1, 2, 3, 4);
        AgentEvent e = new SpecificDatumReader<>(AgentEvent.class).read(null,
                DecoderFactory.get().binaryDecoder(new ByteArrayInputStream(framed, 5, framed.length - 5), null));
        assertThat(e.getEventTime()).isEqualTo(T);
        assertThat(e.getKind()).isEqualTo(EventKind.HEARTBEAT);
        assertThat(e.getStatus()).isEqualTo(Status.ERROR);
        assertThat(e.getTtftMs()).isEqualTo(1e-5);
        assertThat(e.getHostMemoryBytes()).isEqualTo(1L << 40);
        assertThat(e.getAttributes()).isEqualTo(Map.of("k", TransportContract.AWKWARD));
        assertThat(copy(e).toString()).isEqualTo(everyFieldSet().toString());
    }

    @Test
    void unsetFieldsTakeTheSchemasDefaults() throws Exception {
        PulseEvent bare = PulseEvent.builder().setEventId("e").setEventTime(T).setAgentId("a").build();
        byte[] framed = new AvroEventEncoder().encode(bare, 1);
        AgentEvent e = new SpecificDatumReader<>(AgentEvent.class).read(null,
                DecoderFactory.get().binaryDecoder(new ByteArrayInputStream(framed, 5, framed.length - 5), null));
        assertThat(e.getKind()).isEqualTo(EventKind.SPAN);
        assertThat(e.getStatus()).isEqualTo(Status.OK);
        assertThat(e.getAttributes()).isEmpty();
        assertThat(e.getModel()).isNull();
    }

    @Test
    void jsonIsWellFormedWithTheSchemaNames() throws Exception {
        JsonNode array = new ObjectMapper().readTree(EventJsonWriter.array(List.of(everyFieldSet(), everyFieldSet())));
        assertThat(array).hasSize(2);
        JsonNode e = array.get(0);
        assertThat(e.size()).isEqualTo(EventField.values().length);
        assertThat(e.path("event_time").asLong()).isEqualTo(T.toEpochMilli());
        assertThat(e.path("ttft_ms").asDouble()).isEqualTo(1e-5);
        assertThat(e.path("status").asText()).isEqualTo("ERROR");
        assertThat(e.path("attributes").path("k").asText()).isEqualTo(TransportContract.AWKWARD);
    }

    @Test
    void wrongValuesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> PulseEvent.builder().set("latency", 1.0)).hasMessageContaining("no field \"latency\"");
        assertThatThrownBy(() -> PulseEvent.builder().set("input_tokens", 1.5)).hasMessageContaining("input_tokens");
        assertThatThrownBy(() -> PulseEvent.builder().setLatencyMs(Double.NaN)).hasMessageContaining("latency_ms must be a finite number");
        assertThatThrownBy(() -> PulseEvent.builder().setEventId("e").setAgentId("a").build()).hasMessageContaining("event_time");
    }

    /** The way other code copies an Avro AgentEvent into the client (all-in-one's demo fleet does this). */
    static PulseEvent copy(AgentEvent e) {
        PulseEvent.Builder b = PulseEvent.builder();
        for (Schema.Field f : e.getSchema().getFields()) {
            b.set(f.name(), e.get(f.pos()));
        }
        return b.build();
    }
}
