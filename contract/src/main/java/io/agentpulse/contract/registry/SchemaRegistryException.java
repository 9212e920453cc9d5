package io.agentpulse.contract.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A schema registry refused a request or could not be reached. {@link #errorCode()} carries
 * Confluent's error code (e.g. 40403 schema not found) so callers can tell "this id does not
 * exist" (bad input) from "the registry is down" (retry, never drop data).
 */
public class SchemaRegistryException extends RuntimeException {
    /** Subject not found. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Version not found. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** Schema (id or text under a subject) not found. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** Subject has no subject-level compatibility configured. */
    public static final int SUBJECT_CONFIG_NOT_FOUND = 40408;
    /** The schema is incompatible with earlier versions under the subject's compatibility level. */
    public static final int INCOMPATIBLE = 409;
    /** The schema text is not a valid schema (or not Avro). */
    public static final int INVALID_SCHEMA = 42201;
    /** The version is not a positive integer nor "latest". */
    public static final int INVALID_VERSION = 42202;
    /** The compatibility level is unknown. */
    public static final int INVALID_COMPATIBILITY = 42203;
    /** The registry failed to store the change. */
    public static final int STORE_ERROR = 50001;
    /** The registry wants credentials, or refused the ones sent (HTTP 401). */
    public static final int UNAUTHORIZED = 401;
    /** The credentials are valid but may not do this (HTTP 403). */
    public static final int FORBIDDEN = 403;
    /** The registry's TLS certificate is not trusted (no HTTP answer at all). */
    public static final int UNTRUSTED = -2;
    /** No answer from the registry (connection refused, timeout, interrupted). */
    public static final int UNREACHABLE = -1;

    private final int errorCode;

    public SchemaRegistryException(int errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /** Confluent's error code, or {@link #UNREACHABLE}. */
    public int errorCode() {
        return errorCode;
    }

    /** Parses schema text; anything but valid Avro JSON is a 42201 (the client and the server agree). */
    public static Schema parseSchema(String text) {
        if (text == null || text.isBlank()) {
            throw new SchemaRegistryException(INVALID_SCHEMA, "The schema is empty.");
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException | NullPointerException e) {
            throw new SchemaRegistryException(INVALID_SCHEMA, "Invalid Avro schema: " + e.getMessage(), e);
        }
    }

    /** HTTP status Confluent uses for this error code (first three digits, or the code itself). */
    public int httpStatus() {
        if (errorCode == UNREACHABLE || errorCode == UNTRUSTED) {
            return 503;
        }
        return errorCode >= 10000 ? errorCode / 100 : errorCode;
    }
}
