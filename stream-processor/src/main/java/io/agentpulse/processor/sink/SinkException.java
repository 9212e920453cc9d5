package io.agentpulse.processor.sink;

/** A write to the store failed; the batch may be retried as a whole (writes are idempotent). */
final class SinkException extends RuntimeException {
    public SinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
