package io.agentpulse.ingest.gateway;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** What a request body is (media type, content coding) and how to get its bytes, within bounds. */
final class Bodies {
    enum Format { JSON_ARRAY, NDJSON }

    /** The client's problem, answered with {@code status} and {@code message}. */
    static final class BodyException extends Exception {
        final int status;
        final String reason;

        BodyException(int status, String reason, String message) {
            super(message);
            this.status = status;
            this.reason = reason;
        }
    }

    private Bodies() {}

    /** @return the format, or null when the media type is not one we read */
    static Format format(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semi = contentType.indexOf(';');
        String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/json" -> Format.JSON_ARRAY;
            case "application/x-ndjson", "application/ndjson", "application/jsonl" -> Format.NDJSON;
            default -> null;
        };
    }

    /** @return true for gzip, false for identity; throws for any other coding */
    static boolean gzip(String contentEncoding) throws BodyException {
        if (contentEncoding == null) {
            return false;
        }
        String coding = contentEncoding.trim().toLowerCase(Locale.ROOT);
        return switch (coding) {
            case "", "identity" -> false;
            case "gzip", "x-gzip" -> true;
            default -> throw new BodyException(415, "encoding",
                    "Content-Encoding must be gzip or identity, not \"" + contentEncoding + "\".");
        };
    }

    /**
     * Inflates a gzip body, refusing to produce more than {@code maxBytes} (a small body may inflate
     * a thousandfold: the bound is on the output, not the input).
     */
    static byte[] gunzip(byte[] compressed, long maxBytes) throws BodyException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 8192)) {
            byte[] out = new byte[(int) Math.min(maxBytes + 1, Math.max(8192, compressed.length * 4L))];
            int size = 0;
            while (true) {
                if (size == out.length) {
                    if (size > maxBytes) {
                        throw tooLarge(maxBytes, "after gunzip ");
                    }
                    out = Arrays.copyOf(out, (int) Math.min(maxBytes + 1, (long) out.length * 2));
                }
                int n = in.read(out, size, out.length - size);
                if (n < 0) {
                    break;
                }
                size += n;
            }
            if (size > maxBytes) {
                throw tooLarge(maxBytes, "after gunzip ");
            }
            return size == out.length ? out : Arrays.copyOf(out, size);
        } catch (IOException e) {
            throw new BodyException(400, "gzip", "The body is not valid gzip: " + e.getMessage() + ".");
        }
    }

    static BodyException tooLarge(long maxBytes, String when) {
        return new BodyException(413, "too_large",
                "The body " + when + "exceeds the limit of " + maxBytes + " bytes; send smaller batches.");
    }
}
