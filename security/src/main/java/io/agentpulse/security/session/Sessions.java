package io.agentpulse.security.session;

import io.agentpulse.security.keys.ApiKeys;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Starts, resolves and ends sessions. The cookie value is 32 random bytes (base64url); the store keeps only
 * its SHA-256. A session ends after {@code idle} without a request or {@code absolute} after login, whichever
 * comes first. The idle clock is written at most once per {@link #TOUCH_EVERY} per session, so reads do not
 * turn into one UPDATE each.
 */
public final class Sessions {
    public static final String COOKIE = "ap_session";
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionStore store;
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;

    public Sessions(SessionStore store, Clock clock, Duration idle, Duration absolute) {
        this.store = store;
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
    }

    /** A started session and the cookie value to send (only here; the store has its hash). */
    public record Started(String cookieValue, Session session) {
        @Override
        public String toString() {
            return "Started[" + session + "]";
        }
    }

    public Future<Started> start(String username) {
        String value = random();
        Instant now = clock.instant();
        Session s = new Session(ApiKeys.hash(value), username, random(), now, now);
        return store.create(s).map(v -> new Started(value, s));
    }

    /** The live session of a cookie value, or empty when unknown, idle too long or too old (then deleted). */
    public Future<Optional<Session>> resolve(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) {
            return Future.succeededFuture(Optional.empty());
        }
        String hash = ApiKeys.hash(cookieValue);
        return store.find(hash).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            Session s = found.get();
            Instant now = clock.instant();
            if (!live(s, now)) {
                return store.delete(hash).map(v -> Optional.empty());
            }
            if (Duration.between(s.lastSeenAt(), now).compareTo(TOUCH_EVERY) >= 0) {
                return store.touch(hash, now).map(v -> Optional.of(s));
            }
            return Future.succeededFuture(Optional.of(s));
        });
    }

    boolean live(Session s, Instant now) {
        return now.isBefore(s.lastSeenAt().plus(idle)) && now.isBefore(s.createdAt().plus(absolute));
    }

    public Future<Void> end(String cookieValue) {
        return cookieValue == null ? Future.succeededFuture() : store.delete(ApiKeys.hash(cookieValue));
    }

    /** Ends the user's sessions, except {@code keep} (the caller's own, on a password change; may be null). */
    public Future<Void> endAll(String username, Session keep) {
        return store.deleteUser(username, keep == null ? null : keep.idHash());
    }

    /** Removes expired rows; run periodically. */
    public Future<Void> purge() {
        Instant now = clock.instant();
        return store.purge(now.minus(idle), now.minus(absolute));
    }

    /** Longest a cookie may live in the browser: the absolute timeout, in seconds. */
    public long maxAgeSeconds() {
        return absolute.toSeconds();
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
