package io.agentpulse.ingest.otlp;

/** The request is not a readable ExportTraceServiceRequest; the message names where and why. */
public final class OtlpFormatException extends Exception {
    public OtlpFormatException(String message) {
        super(message);
    }
}
