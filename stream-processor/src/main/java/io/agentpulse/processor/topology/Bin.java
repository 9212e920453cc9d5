package io.agentpulse.processor.topology;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The compact binary encoding of aggregates and deltas: unsigned varints for counters and the
 * integer cost (they never go negative), length-prefixed byte strings.
 */
final class Bin {
    private Bin() {}

    /** A growable output buffer, reused per processor to keep allocation off the hot path. */
    static final class Out {
        private byte[] buf = new byte[256];
        private int n;

        Out reset() {
            n = 0;
            return this;
        }

        byte[] toBytes() {
            return Arrays.copyOf(buf, n);
        }

        private void ensure(int more) {
            if (n + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
            }
        }

        Out varLong(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[n++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[n++] = (byte) v;
            return this;
        }

        Out bytes(byte[] b) {
            varLong(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, n, b.length);
            n += b.length;
            return this;
        }

        Out str(String s) {
            return bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        /** Appends {@code b} as it is (no length): for a value encoded earlier by another Out. */
        Out raw(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, n, b.length);
            n += b.length;
            return this;
        }
    }

    /** A reader over one encoded value; throws IllegalArgumentException on truncated input. */
    static final class In {
        private final byte[] buf;
        private int pos;

        In(byte[] buf) {
            this.buf = buf;
        }

        boolean hasMore() {
            return pos < buf.length;
        }

        long varLong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = next();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("A varint is longer than 10 bytes.");
        }

        byte[] bytes() {
            int len = (int) varLong();
            if (len < 0 || pos + len > buf.length) {
                throw new IllegalArgumentException("A length prefix of " + len + " runs past the end of the value.");
            }
            byte[] b = Arrays.copyOfRange(buf, pos, pos + len);
            pos += len;
            return b;
        }

        /** The bytes not read yet. */
        byte[] rest() {
            byte[] b = Arrays.copyOfRange(buf, pos, buf.length);
            pos = buf.length;
            return b;
        }

        String str() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        private byte next() {
            if (pos >= buf.length) {
                throw new IllegalArgumentException("The encoded value is truncated.");
            }
            return buf[pos++];
        }
    }
}
