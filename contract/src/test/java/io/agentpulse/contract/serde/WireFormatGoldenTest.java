package io.agentpulse.contract.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.contract.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.util.HexFormat;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/**
 * The bytes on the wire are Confluent's and nothing else: computed here independently of the
 * serializer, from the .avsc file and Avro's generic writer.
 */
class WireFormatGoldenTest {
    /** An id with four distinct bytes, so byte order mistakes show. */
    private static final int SCHEMA_ID = 0x01020304;

    /** A registry that hands out one fixed id: the golden test pins the id, not the registry. */
    private static final class FixedIdRegistry implements SchemaRegistryClient {
        @Override public int register(String subject, Schema schema) { return SCHEMA_ID; }
        @Override public Schema getById(int id) { return AgentEvent.getClassSchema(); }
        @Override public int lookup(String subject, Schema schema) { return SCHEMA_ID; }
        @Override public boolean isCompatible(String subject, Schema schema) { return true; }
    }

    @Test
    void serializedEventIsMagicByteBigEndianIdAndAvroBinary() throws Exception {
        byte[] actual = new AvroSerializer<AgentEvent>(new FixedIdRegistry()).serialize("agentpulse.events", TestEvents.fixed());

        assertThat(actual).isEqualTo(expectedBytes());
        // 00 | 01 02 03 04 | event_id: zigzag length 3 = 0x06, "e-1" | event_time: zigzag varint of 1.7e12 ms
        assertThat(HexFormat.of().formatHex(actual, 0, 9)).isEqualTo("0001020304" + "06652d31");
        assertThat(HexFormat.of().formatHex(actual, 9, 15)).isEqualTo("80a0abfef962");
    }

    @Test
    void goldenBytesDecodeBackToTheSameEvent() throws Exception {
        AvroDeserializer<AgentEvent> deserializer = new AvroDeserializer<>(new FixedIdRegistry(), AgentEvent.class);

        assertThat(deserializer.deserialize("agentpulse.events", expectedBytes())).isEqualTo(TestEvents.fixed());
    }

    private static byte[] expectedBytes() throws Exception {
        Schema schema = new Schema.Parser().parse(new File("src/main/avro/AgentEvent.avsc"));
        GenericRecord r = new GenericData.Record(schema);
        r.put("event_id", "e-1");
        r.put("event_time", TestEvents.TIME.toEpochMilli());
        r.put("agent_id", "agent-7");
        r.put("kind", new GenericData.EnumSymbol(schema.getField("kind").schema(), "SPAN"));
        r.put("model", "gpt-4o");
        r.put("operation", "chat");
        r.put("latency_ms", 123.5);
        r.put("input_tokens", 1000L);
        r.put("output_tokens", 50L);
        r.put("status", new GenericData.EnumSymbol(schema.getField("status").schema(), "OK"));
        r.put("attributes", Map.of("region", "eu"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0, 1, 2, 3, 4});
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(r, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
