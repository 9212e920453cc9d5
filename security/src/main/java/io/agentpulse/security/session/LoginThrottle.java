package io.agentpulse.security.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Login throttling per username, a pure state machine on an injected clock: {@code maxFailures} failures
 * within {@code window} lock the username for {@code lockFor}; while locked every attempt (even with the
 * right password) is refused with the time left; when the lock ends the count starts over. A success
 * clears the failures. State is per process (see RATIONALE.md: N instances allow N times the attempts).
 * Not thread-safe: used from one Vert.x context.
 */
public final class LoginThrottle {
    /** Bounds memory under a spray of usernames: beyond this, entries without a lock are dropped. */
    static final int MAX_TRACKED = 10_000;

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Duration lockFor;
    private final Map<String, State> states = new HashMap<>();

    private static final class State {
        final Deque<Instant> failures = new ArrayDeque<>();
        Instant lockedUntil;
    }

    public LoginThrottle(Clock clock, int maxFailures, Duration window, Duration lockFor) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockFor = lockFor;
    }

    /** OWASP-style defaults of the contract: 5 failures in 5 minutes lock for 5 minutes. */
    public static LoginThrottle standard(Clock clock) {
        return new LoginThrottle(clock, 5, Duration.ofMinutes(5), Duration.ofMinutes(5));
    }

    /** Zero when an attempt may be checked now, else how long the username stays locked. */
    public Duration lockedFor(String username) {
        State s = states.get(key(username));
        Instant now = clock.instant();
        if (s == null || s.lockedUntil == null) {
            return Duration.ZERO;
        }
        if (!now.isBefore(s.lockedUntil)) {
            states.remove(key(username));
            return Duration.ZERO;
        }
        return Duration.between(now, s.lockedUntil);
    }

    /** Records a failed attempt; answers the lock it caused (zero when not locked yet). */
    public Duration failure(String username) {
        Instant now = clock.instant();
        if (states.size() >= MAX_TRACKED) {
            states.values().removeIf(s -> s.lockedUntil == null);
        }
        State s = states.computeIfAbsent(key(username), k -> new State());
        while (!s.failures.isEmpty() && !s.failures.peekFirst().isAfter(now.minus(window))) {
            s.failures.removeFirst();
        }
        s.failures.addLast(now);
        if (s.failures.size() >= maxFailures) {
            s.failures.clear();
            s.lockedUntil = now.plus(lockFor);
            return lockFor;
        }
        return Duration.ZERO;
    }

    public void success(String username) {
        states.remove(key(username));
    }

    /** Usernames differ only in case for throttling, so "Admin" and "admin" share one budget. */
    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }
}
