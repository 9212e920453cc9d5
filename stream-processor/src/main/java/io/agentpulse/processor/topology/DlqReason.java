package io.agentpulse.processor.topology;

/** Values of the agentpulse.dlq.reason header. Invalid fields read "invalid:<avro field name>". */
final class DlqReason {
    private DlqReason() {}

    static final String NOT_AVRO = "not-avro";
    static final String UNKNOWN_SCHEMA_ID = "unknown-schema-id";
    static final String UNDECODABLE = "undecodable";
    /** Completed more than the lateness bound before stream time (AGENTPULSE_PROCESSOR_LATENESS). */
    static final String TOO_OLD = "too-old";
    static final String FUTURE = "future";

    static String invalid(String field) {
        return "invalid:" + field;
    }
}
