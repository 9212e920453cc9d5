package io.agentpulse.security.http;

import io.agentpulse.security.Principal;
import io.agentpulse.security.session.Session;

/**
 * The outcome of authenticating one request: a principal (with its session when the cookie proved it),
 * or the reason for the 401 ({@code missing-credentials}, {@code malformed}, {@code unknown-key},
 * {@code revoked}, {@code expired}, {@code session-expired}).
 */
record Auth(Principal principal, Session session, String reason) {
    static Auth refused(String reason) {
        return new Auth(null, null, reason);
    }
}
