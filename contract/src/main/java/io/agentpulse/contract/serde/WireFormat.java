package io.agentpulse.contract.serde;

/** Confluent's framing: byte 0 = 0 (magic), bytes 1-4 = schema id (big-endian int), then Avro binary. */
final class WireFormat {
    static final byte MAGIC = 0;
    /** Magic byte plus 4-byte id. */
    static final int HEADER_BYTES = 5;

    private WireFormat() {}

    static void writeHeader(byte[] into, int schemaId) {
        into[0] = MAGIC;
        into[1] = (byte) (schemaId >>> 24);
        into[2] = (byte) (schemaId >>> 16);
        into[3] = (byte) (schemaId >>> 8);
        into[4] = (byte) schemaId;
    }

    static int readId(byte[] data) {
        return ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
    }

    static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
