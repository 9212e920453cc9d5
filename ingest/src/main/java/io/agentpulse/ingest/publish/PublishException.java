package io.agentpulse.ingest.publish;

/** A batch was not (fully) acknowledged: the destination is unreachable or refused a write. */
public final class PublishException extends RuntimeException {
    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
