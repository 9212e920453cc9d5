package io.agentpulse.security.keys;

import io.agentpulse.security.Scope;
import java.time.Instant;
import java.util.Set;

/**
 * A stored API key as admins see it: never the secret, only its hash (which never leaves the store's API
 * in JSON). {@code expiresAt}, {@code revokedAt} and {@code lastUsedAt} may be null.
 */
public record KeyRecord(String id, String name, Set<Scope> scopes, String secretHash, String createdBy,
                        Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {
    public KeyRecord {
        scopes = Set.copyOf(scopes);
    }

    /** Usable at {@code now}: not revoked, not expired. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
