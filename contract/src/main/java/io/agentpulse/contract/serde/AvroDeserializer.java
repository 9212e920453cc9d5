package io.agentpulse.contract.serde;

import io.agentpulse.contract.registry.SchemaRegistryClient;
import io.agentpulse.contract.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro into a generated class: the writer schema comes from the registry
 * by id (cached per id) and is resolved against T's schema, so data from older and newer
 * compatible writers decodes. Bad bytes throw {@link WireFormatException}; a registry that does
 * not answer throws {@link SchemaRegistryException} (not bad input: retry, never dead-letter).
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

    private final SchemaRegistryClient client;
    private final Class<T> type;
    private final Schema readerSchema;
    private final SpecificData model;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    public AvroDeserializer(SchemaRegistryClient client, Class<T> type) {
        this.client = client;
        this.type = type;
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null; // a tombstone, not an error
        }
        if (data.length < WireFormat.HEADER_BYTES || data[0] != WireFormat.MAGIC) {
            throw new WireFormatException(WireFormatException.NOT_AVRO, "Record on topic " + topic + " is not in the "
                + "Confluent Avro wire format: expected magic byte 0 and a 4-byte schema id, got "
                + describeStart(data) + ".", null);
        }
        int id = WireFormat.readId(data);
        DatumReader<T> reader = readerFor(topic, id);
        try {
            BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(data, WireFormat.HEADER_BYTES, data.length - WireFormat.HEADER_BYTES, DECODERS.get());
            DECODERS.set(decoder);
            T value = reader.read(null, new BoundedDecoder(decoder, data.length - WireFormat.HEADER_BYTES));
            if (!decoder.isEnd()) {
                throw new IOException("trailing bytes after the record");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw new WireFormatException(WireFormatException.UNDECODABLE, "Record on topic " + topic + " with schema id "
                + id + " does not decode as " + type.getSimpleName() + ": " + e, e);
        }
    }

    private DatumReader<T> readerFor(String topic, int id) {
        DatumReader<T> cached = readers.get(id);
        if (cached != null) {
            return cached;
        }
        Schema writerSchema;
        try {
            writerSchema = client.getById(id);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
                throw new WireFormatException(WireFormatException.UNKNOWN_SCHEMA_ID, "Record on topic " + topic
                    + " names schema id " + id + ", which the registry does not know.", e);
            }
            throw e;
        }
        DatumReader<T> reader = new SpecificDatumReader<>(writerSchema, readerSchema, model);
        readers.put(id, reader);
        return reader;
    }

    private static String describeStart(byte[] data) {
        StringBuilder sb = new StringBuilder().append(data.length).append(" byte(s)");
        int n = Math.min(data.length, WireFormat.HEADER_BYTES);
        if (n > 0) {
            sb.append(" starting 0x");
            for (int i = 0; i < n; i++) {
                sb.append(String.format("%02x", data[i]));
            }
        }
        return sb.toString();
    }
}
