package io.agentpulse.schemas.serde;
import org.apache.kafka.common.errors.SerializationException;
/** TEMPORARY shim. */
public class WireFormatException extends SerializationException {
    private final String reason;
    public WireFormatException(String reason, String message, Throwable cause) { super(message, cause); this.reason = reason; }
    public String reason() { return reason; }
}
