package io.agentpulse.ops;

import java.nio.ByteBuffer;

/** The bytes of a ByteBuffer (Avro's {@code bytes} fields, e.g. sketches), without moving its position. */
public final class Bytes {
    private Bytes() {}

    /** The remaining bytes of {@code b} as a new array; null for null (an absent optional field). */
    public static byte[] of(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
