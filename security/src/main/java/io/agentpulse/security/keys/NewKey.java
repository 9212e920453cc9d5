package io.agentpulse.security.keys;

import io.agentpulse.security.Scope;
import java.time.Instant;
import java.util.Set;

/**
 * A key to create. {@code token} is null to generate one, or a full {@code apk_...} token to adopt
 * (AGENTPULSE_BOOTSTRAP_INGEST_KEY, the demo fleet's key); {@code expiresAt} null means no expiry.
 */
public record NewKey(String name, Set<Scope> scopes, Instant expiresAt, String createdBy, String token) {
    public NewKey {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("name must be 1 to 100 characters");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("scopes must name at least one of ingest, read");
        }
        scopes = Set.copyOf(scopes);
        if (token != null && ApiKeys.parse(token) == null) {
            throw new IllegalArgumentException("a given key must look like apk_<12 base32 chars>_<43 base64url chars>");
        }
    }
}
