package io.agentpulse.contract.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record value is not a decodable Confluent-framed Avro record. {@link #reason()} is a short,
 * stable token fit for a DLQ header and a metric tag. Only this exception means "bad input":
 * a registry that cannot be reached surfaces as a
 * {@link io.agentpulse.contract.registry.SchemaRegistryException} instead, and must not be
 * dead-lettered.
 */
public final class WireFormatException extends SerializationException {
    /** Too short for the 5-byte header, or byte 0 is not the magic byte 0. */
    public static final String NOT_AVRO = "not-avro";
    /** The registry does not know the schema id in bytes 1-4. */
    public static final String UNKNOWN_SCHEMA_ID = "unknown-schema-id";
    /** The Avro body does not decode with the writer schema (or has trailing bytes). */
    public static final String UNDECODABLE = "undecodable";

    private final String reason;

    WireFormatException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** One of {@link #NOT_AVRO}, {@link #UNKNOWN_SCHEMA_ID}, {@link #UNDECODABLE}. */
    public String reason() {
        return reason;
    }
}
