package io.agentpulse.security.session;

import java.time.Instant;

/**
 * A login session. {@code idHash} is the hex SHA-256 of the cookie value (the value itself is never stored);
 * {@code csrf} is the token the page echoes in X-CSRF-Token on writes.
 */
public record Session(String idHash, String username, String csrf, Instant createdAt, Instant lastSeenAt) {
    @Override
    public String toString() {
        return "Session[" + username + ", since " + createdAt + "]";
    }
}
