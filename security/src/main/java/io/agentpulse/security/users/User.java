package io.agentpulse.security.users;

import io.agentpulse.security.Role;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stored user. {@code passwordHash} is an Argon2id PHC string (see {@link Passwords}); it never
 * leaves the server. {@code lastLoginAt} is null until the first login.
 */
public record User(String username, Role role, String passwordHash, boolean disabled, Instant createdAt,
                   Instant lastLoginAt) {
    /** Letters, digits, dots, dashes, underscores; 1 to 64 characters (safe in paths, logs and CSV). */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public User {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
        if (username == null || !NAME.matcher(username).matches()) {
            throw new IllegalArgumentException("A username must be 1 to 64 letters, digits, dots, dashes or underscores.");
        }
    }

    public User withRole(Role r) {
        return new User(username, r, passwordHash, disabled, createdAt, lastLoginAt);
    }

    public User withPasswordHash(String h) {
        return new User(username, role, h, disabled, createdAt, lastLoginAt);
    }

    public User withDisabled(boolean d) {
        return new User(username, role, passwordHash, d, createdAt, lastLoginAt);
    }

    @Override
    public String toString() {
        return "User[" + username + ", " + role.wire() + (disabled ? ", disabled" : "") + "]";
    }
}
