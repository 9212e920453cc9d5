package io.agentpulse.query.http;

/** The thing asked for does not exist: answered 404 {"error": message, "reason": "not-found"}. */
final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message, null, false, false);
    }
}
