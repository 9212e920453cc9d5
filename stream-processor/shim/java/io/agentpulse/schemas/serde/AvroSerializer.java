package io.agentpulse.schemas.serde;
import io.agentpulse.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.apache.avro.io.*;
import org.apache.avro.specific.*;
import org.apache.kafka.common.serialization.Serializer;
/** TEMPORARY shim. */
public class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private final SchemaRegistryClient client;
    public AvroSerializer(SchemaRegistryClient client) { this.client = client; }
    @Override public byte[] serialize(String topic, T data) {
        if (data == null) return null;
        try {
            int id = client.register(topic + "-value", data.getSchema());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0); out.write(ByteBuffer.allocate(4).putInt(id).array());
            BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<T>(data.getSchema()).write(data, enc);
            enc.flush();
            return out.toByteArray();
        } catch (java.io.IOException e) { throw new WireFormatException("undecodable", e.getMessage(), e); }
    }
}
