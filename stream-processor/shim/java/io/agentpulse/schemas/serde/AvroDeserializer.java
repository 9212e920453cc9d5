package io.agentpulse.schemas.serde;
import io.agentpulse.schemas.registry.SchemaRegistryClient;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.io.*;
import org.apache.avro.specific.*;
import org.apache.kafka.common.serialization.Deserializer;
/** TEMPORARY shim. */
public class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private final SchemaRegistryClient client; private final Schema reader;
    public AvroDeserializer(SchemaRegistryClient client, Class<T> type) {
        this.client = client; this.reader = SpecificData.get().getSchema(type);
    }
    @Override public T deserialize(String topic, byte[] data) {
        if (data == null) return null;
        if (data.length < 5 || data[0] != 0) throw new WireFormatException("not-avro", "not the Confluent wire format", null);
        int id = ByteBuffer.wrap(data, 1, 4).getInt();
        Schema writer;
        try { writer = client.getById(id); } catch (RuntimeException e) { throw new WireFormatException("unknown-schema-id", "schema id " + id, e); }
        try {
            BinaryDecoder dec = DecoderFactory.get().binaryDecoder(data, 5, data.length - 5, null);
            return new SpecificDatumReader<T>(writer, reader).read(null, dec);
        } catch (Exception e) { throw new WireFormatException("undecodable", String.valueOf(e.getMessage()), e); }
    }
}
