package io.agentpulse.contract.serde;

import io.agentpulse.contract.registry.SchemaRegistryClient;
import io.agentpulse.contract.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro records in Confluent's wire format. The writer schema is registered
 * under {@code topic + "-value"} ({@code "-key"} when configured as a key serializer) on first
 * use per topic, and its id cached; thread-safe (Kafka producers call it from any thread).
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    /** Reused per thread: encoders are cheap to reconfigure, expensive to create per record. */
    private static final ThreadLocal<BinaryEncoder> ENCODERS = new ThreadLocal<>();

    private final SchemaRegistryClient client;
    private final Map<String, Writer> writers = new ConcurrentHashMap<>();
    private volatile boolean isKey;

    private record Writer(Schema schema, int id, DatumWriter<Object> datumWriter) {}

    public AvroSerializer(SchemaRegistryClient client) {
        this.client = client;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        Writer writer = writerFor(topic, data);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        byte[] header = new byte[WireFormat.HEADER_BYTES];
        WireFormat.writeHeader(header, writer.id());
        out.writeBytes(header);
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, ENCODERS.get());
            ENCODERS.set(encoder);
            writer.datumWriter().write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not encode a " + data.getSchema().getFullName()
                + " for topic " + topic + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private Writer writerFor(String topic, T data) {
        Schema schema = data.getSchema();
        Writer cached = writers.get(topic);
        // Generated classes share one Schema instance, so identity is the cheap, exact check.
        if (cached != null && cached.schema() == schema) {
            return cached;
        }
        String subject = WireFormat.subject(topic, isKey);
        int id;
        try {
            id = client.register(subject, schema);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Could not register the schema " + schema.getFullName()
                + " under subject " + subject + ": " + e.getMessage(), e);
        }
        Writer writer = new Writer(schema, id, new SpecificDatumWriter<>(schema, SpecificData.getForClass(data.getClass())));
        writers.put(topic, writer);
        return writer;
    }
}
