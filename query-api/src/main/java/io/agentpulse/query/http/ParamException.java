package io.agentpulse.query.http;

/** A bad query parameter: answered 400 {"error": message, "field": field, "reason": reason}. */
final class ParamException extends RuntimeException {
    private final String field;
    private final String reason;

    public ParamException(String field, String reason, String message) {
        super(message);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    /** A short, stable code (e.g. not-a-time) for programs; the message is for people. */
    public String reason() {
        return reason;
    }
}
