package io.agentpulse.security;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling: a logged-in user (a role, no scopes) or an API key (scopes, no role).
 * {@code name} is the username, or the key's public id (never the secret); it is what the audit log records.
 */
public record Principal(Kind kind, String name, Role role, Set<Scope> scopes) {
    public enum Kind { USER, KEY }

    public Principal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        if (kind == Kind.USER && role == null) {
            throw new IllegalArgumentException("a user principal needs a role");
        }
        if (kind == Kind.KEY && role != null) {
            throw new IllegalArgumentException("a key principal has scopes, not a role");
        }
    }

    public static Principal user(String username, Role role) {
        return new Principal(Kind.USER, username, role, Set.of());
    }

    public static Principal key(String keyId, Set<Scope> scopes) {
        return new Principal(Kind.KEY, keyId, null, scopes);
    }

    public boolean has(Scope scope) {
        return kind == Kind.KEY && scopes.contains(scope);
    }

    public boolean atLeast(Role needed) {
        return kind == Kind.USER && role.atLeast(needed);
    }
}
