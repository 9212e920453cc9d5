package io.agentpulse.security.keys;

import io.agentpulse.security.Principal;

/**
 * The outcome of checking a bearer token: a principal, or the reason it was refused
 * ({@code malformed}, {@code unknown-key}, {@code revoked}, {@code expired}), for the 401 body and the metrics.
 */
public record KeyCheck(Principal principal, String reason) {
    public static KeyCheck ok(Principal p) {
        return new KeyCheck(p, null);
    }

    public static KeyCheck refused(String reason) {
        return new KeyCheck(null, reason);
    }

    public boolean ok() {
        return principal != null;
    }
}
