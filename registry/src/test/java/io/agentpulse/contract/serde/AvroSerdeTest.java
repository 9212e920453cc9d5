package io.agentpulse.contract.serde;

import io.agentpulse.registry.InMemorySchemaRegistryClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.WindowRollup;
import io.agentpulse.contract.Topics;
import io.agentpulse.contract.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
    private final SchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final Serde<AgentEvent> serde = TopicSerdes.events(registry);

    @Test
    void roundTripsAnEventAndRegistersItsSchemaUnderTheTopicValueSubject() {
        byte[] bytes = serde.serializer().serialize(Topics.EVENTS, TestEvents.fixed());

        assertThat(serde.deserializer().deserialize(Topics.EVENTS, bytes)).isEqualTo(TestEvents.fixed());
        int id = registry.lookup(Topics.valueSubject(Topics.EVENTS), AgentEvent.getClassSchema());
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(serde.serializer().serialize(Topics.EVENTS, null)).isNull();
        assertThat(serde.deserializer().deserialize(Topics.EVENTS, null)).isNull();
    }

    @Test
    void sameSchemaOnTwoTopicsSharesOneGlobalId() {
        byte[] a = serde.serializer().serialize(Topics.EVENTS, TestEvents.fixed());
        byte[] b = serde.serializer().serialize(Topics.EVENTS_ENRICHED, TestEvents.fixed());

        assertThat(Arrays.copyOf(a, 5)).isEqualTo(Arrays.copyOf(b, 5));
    }

    @Test
    void wrongMagicByteIsNotAvro() {
        byte[] bytes = serde.serializer().serialize(Topics.EVENTS, TestEvents.fixed());
        bytes[0] = 1;

        assertReason(bytes, WireFormatException.NOT_AVRO);
        assertReason("{\"json\":true}".getBytes(), WireFormatException.NOT_AVRO);
    }

    @Test
    void tooShortIsNotAvro() {
        assertReason(new byte[0], WireFormatException.NOT_AVRO);
        assertReason(new byte[] {0, 0, 0, 1}, WireFormatException.NOT_AVRO);
    }

    @Test
    void unknownSchemaIdIsReported() {
        byte[] bytes = serde.serializer().serialize(Topics.EVENTS, TestEvents.fixed());
        bytes[4] = 99;

        assertReason(bytes, WireFormatException.UNKNOWN_SCHEMA_ID);
    }

    @Test
    void truncatedOrPaddedBodyIsUndecodable() {
        byte[] bytes = serde.serializer().serialize(Topics.EVENTS, TestEvents.fixed());

        assertReason(Arrays.copyOf(bytes, bytes.length - 3), WireFormatException.UNDECODABLE);
        assertReason(Arrays.copyOf(bytes, bytes.length + 2), WireFormatException.UNDECODABLE);
        assertReason(Arrays.copyOf(bytes, 5), WireFormatException.UNDECODABLE);
    }

    @Test
    void aHugeClaimedLengthIsUndecodableNotAnOutOfMemoryError() {
        byte[] valid = serde.serializer().serialize(Topics.EVENTS, TestEvents.fixed());
        // Header, then event_id's length as a zigzag varint claiming 10^9 bytes (under Avro's own limit).
        byte[] bomb = Arrays.copyOf(valid, 12);
        System.arraycopy(new byte[] {(byte) 0x80, (byte) 0xa8, (byte) 0xd6, (byte) 0xb9, 0x07, 'x', 'y'}, 0, bomb, 5, 7);

        assertReason(bomb, WireFormatException.UNDECODABLE);
        assertThatThrownBy(() -> serde.deserializer().deserialize(Topics.EVENTS, bomb))
            .hasMessageContaining("string length of 1000000000 claimed inside a record of 7 bytes");
    }

    @Test
    void dataOfAnotherRecordTypeIsUndecodable() {
        WindowRollup rollup = WindowRollup.newBuilder().setGranularity("1m").setGrp("all").setAgentId("*")
            .setModel("*").setOperation("*").setWindowStart(TestEvents.TIME).setWindowEnd(TestEvents.TIME)
            .setCount(1).setErrors(0).setInputTokens(0).setOutputTokens(0).setCachedInputTokens(0)
            .setReasoningTokens(0).setCostUsd(0).setLatencySketch(ByteBuffer.allocate(0)).setUpdatedAt(TestEvents.TIME)
            .build();
        byte[] bytes = TopicSerdes.rollups(registry).serializer().serialize(Topics.ROLLUPS, rollup);

        assertReason(bytes, WireFormatException.UNDECODABLE);
    }

    @Test
    void readsDataFromAnOlderWriterSchemaWithDefaultsForTheMissingFields() throws Exception {
        Schema older = olderEventSchema();
        int id = registry.register("older-writer", older);
        GenericRecord r = new GenericData.Record(older);
        r.put("event_id", "old-1");
        r.put("event_time", TestEvents.TIME.toEpochMilli());
        r.put("agent_id", "legacy");
        r.put("latency_ms", 42.0);

        AgentEvent e = serde.deserializer().deserialize(Topics.EVENTS, frame(id, older, r));

        assertThat(e.getEventId()).isEqualTo("old-1");
        assertThat(e.getEventTime()).isEqualTo(TestEvents.TIME);
        assertThat(e.getLatencyMs()).isEqualTo(42.0);
        assertThat(e.getKind().name()).isEqualTo("SPAN");
        assertThat(e.getStatus().name()).isEqualTo("OK");
        assertThat(e.getAttributes()).isEqualTo(Map.of());
        assertThat(e.getModel()).isNull();
    }

    /** A first version of the event: four fields, none of the later ones. */
    private static Schema olderEventSchema() {
        return SchemaBuilder.record("AgentEvent").namespace("io.agentpulse.avro").fields()
            .requiredString("event_id")
            .name("event_time").type(org.apache.avro.LogicalTypes.timestampMillis()
                .addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
            .requiredString("agent_id")
            .optionalDouble("latency_ms")
            .endRecord();
    }

    private static byte[] frame(int id, Schema schema, GenericRecord r) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(r, enc);
        enc.flush();
        return out.toByteArray();
    }

    private void assertReason(byte[] bytes, String reason) {
        assertThatThrownBy(() -> serde.deserializer().deserialize(Topics.EVENTS, bytes))
            .isInstanceOfSatisfying(WireFormatException.class, e -> assertThat(e.reason()).isEqualTo(reason))
            .hasMessageContaining(Topics.EVENTS);
    }
}
