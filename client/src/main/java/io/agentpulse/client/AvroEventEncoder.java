package io.agentpulse.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Events in Confluent's wire format: byte 0 = 0 (magic), bytes 1-4 = the registry's schema id
 * (big-endian), then Avro binary of {@code AgentEvent.avsc} (the contract module's file, packaged with
 * this class by the client's pom). Unset fields take the schema's defaults. Used by one thread (the recorder's).
 */
final class AvroEventEncoder {
    static final Schema SCHEMA = load();

    private final GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(SCHEMA);
    private BinaryEncoder encoder;

    private static Schema load() {
        try (InputStream in = AvroEventEncoder.class.getResourceAsStream("AgentEvent.avsc")) {
            if (in == null) {
                throw new IllegalStateException("AgentEvent.avsc is missing from the agentpulse-client jar; the jar is broken, rebuild it.");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] encode(PulseEvent e, int schemaId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(0);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
        try {
            encoder = EncoderFactory.get().binaryEncoder(out, encoder);
            writer.write(record(e), encoder);
            encoder.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // in-memory output: cannot happen
        }
        return out.toByteArray();
    }

    static GenericRecord record(PulseEvent e) {
        GenericRecordBuilder b = new GenericRecordBuilder(SCHEMA);
        for (EventField f : EventField.values()) {
            Object v = e.value(f);
            if (v == null) {
                continue; // the schema's default (null, SPAN, OK, {})
            }
            Schema.Field field = SCHEMA.getField(f.wireName);
            b.set(field, switch (f.type) {
                case TIME -> ((Instant) v).toEpochMilli(); // timestamp-millis
                case KIND, STATUS -> new GenericData.EnumSymbol(field.schema(), v.toString());
                default -> v;
            });
        }
        return b.build();
    }
}
