package io.agentpulse.contract.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * A binary decoder that refuses any length or item count larger than the payload itself.
 * Avro allocates a string, bytes or collection of the size the data claims before reading it,
 * so without this a 10-byte record claiming a 2 GB string would exhaust the heap of whichever
 * process reads the topic: bad input must cost one dead-lettered record, not a crash.
 * Every item of our schemas' arrays and maps takes at least one byte, so the bound is exact
 * for them.
 */
final class BoundedDecoder extends Decoder {
    private final Decoder in;
    /** Bytes of Avro payload; no length or count inside it can exceed this. */
    private final long bound;

    BoundedDecoder(Decoder in, long bound) {
        this.in = in;
        this.bound = bound;
    }

    private int check(long claimed, String what) throws IOException {
        if (claimed < 0 || claimed > bound) {
            throw new IOException(what + " of " + claimed + " claimed inside a record of " + bound + " bytes");
        }
        return (int) claimed;
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = check(in.readLong(), "string length");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        in.readFixed(result.getBytes(), 0, length);
        return result;
    }

    @Override
    public String readString() throws IOException {
        byte[] bytes = new byte[check(in.readLong(), "string length")];
        in.readFixed(bytes, 0, bytes.length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = check(in.readLong(), "bytes length");
        ByteBuffer result = old != null && old.capacity() >= length ? old : ByteBuffer.allocate(length);
        result.clear();
        in.readFixed(result.array(), result.arrayOffset(), length);
        result.limit(length);
        return result;
    }

    @Override
    public long readArrayStart() throws IOException {
        return check(in.readArrayStart(), "array block");
    }

    @Override
    public long arrayNext() throws IOException {
        return check(in.arrayNext(), "array block");
    }

    @Override
    public long readMapStart() throws IOException {
        return check(in.readMapStart(), "map block");
    }

    @Override
    public long mapNext() throws IOException {
        return check(in.mapNext(), "map block");
    }

    // Plain delegation: fixed-size reads and skips allocate nothing the data can choose.

    @Override public void readNull() throws IOException { in.readNull(); }
    @Override public boolean readBoolean() throws IOException { return in.readBoolean(); }
    @Override public int readInt() throws IOException { return in.readInt(); }
    @Override public long readLong() throws IOException { return in.readLong(); }
    @Override public float readFloat() throws IOException { return in.readFloat(); }
    @Override public double readDouble() throws IOException { return in.readDouble(); }
    @Override public void skipString() throws IOException { in.skipString(); }
    @Override public void skipBytes() throws IOException { in.skipBytes(); }
    @Override public void readFixed(byte[] bytes, int start, int length) throws IOException { in.readFixed(bytes, start, length); }
    @Override public void skipFixed(int length) throws IOException { in.skipFixed(length); }
    @Override public int readEnum() throws IOException { return in.readEnum(); }
    @Override public long skipArray() throws IOException { return in.skipArray(); }
    @Override public long skipMap() throws IOException { return in.skipMap(); }
    @Override public int readIndex() throws IOException { return in.readIndex(); }
}
