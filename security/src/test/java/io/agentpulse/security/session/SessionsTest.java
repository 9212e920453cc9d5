package io.agentpulse.security.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.security.TestClock;
import io.agentpulse.security.keys.ApiKeys;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Idle and absolute timeouts on an injected clock; only the cookie's hash is stored. */
class SessionsTest {
    final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    final InMemorySessionStore store = new InMemorySessionStore();
    final Sessions sessions = new Sessions(store, clock, Duration.ofHours(8), Duration.ofHours(24));

    @Test
    void theStoreKeepsTheHashNeverTheCookie() {
        Sessions.Started s = sessions.start("alice").result();
        assertThat(s.session().idHash()).isEqualTo(ApiKeys.hash(s.cookieValue())).isNotEqualTo(s.cookieValue());
        assertThat(store.find(s.cookieValue()).result()).isEmpty();
        assertThat(s.toString()).doesNotContain(s.cookieValue());
    }

    @Test
    void aSessionEndsAfterTheIdleTimeout() {
        String cookie = sessions.start("alice").result().cookieValue();
        clock.advance(Duration.ofHours(7));
        assertThat(sessions.resolve(cookie).result()).isPresent();      // moves the idle clock
        clock.advance(Duration.ofHours(7));
        assertThat(sessions.resolve(cookie).result()).isPresent();
        clock.advance(Duration.ofHours(8));
        assertThat(sessions.resolve(cookie).result()).isEmpty();
        assertThat(store.find(ApiKeys.hash(cookie)).result()).as("deleted once expired").isEmpty();
    }

    @Test
    void aSessionEndsAtTheAbsoluteTimeoutWhateverTheActivity() {
        String cookie = sessions.start("alice").result().cookieValue();
        for (int h = 0; h < 23; h++) {
            clock.advance(Duration.ofHours(1));
            assertThat(sessions.resolve(cookie).result()).as("hour " + (h + 1)).isPresent();
        }
        clock.advance(Duration.ofHours(1));
        assertThat(sessions.resolve(cookie).result()).isEmpty();
    }

    @Test
    void theIdleClockIsWrittenAtMostOnceAMinuteAndLogoutEndsTheSession() {
        Sessions.Started s = sessions.start("alice").result();
        clock.advance(Duration.ofSeconds(30));
        sessions.resolve(s.cookieValue());
        assertThat(store.find(s.session().idHash()).result().orElseThrow().lastSeenAt()).isEqualTo(s.session().createdAt());
        clock.advance(Duration.ofSeconds(30));
        sessions.resolve(s.cookieValue());
        assertThat(store.find(s.session().idHash()).result().orElseThrow().lastSeenAt()).isEqualTo(clock.instant());
        sessions.end(s.cookieValue());
        assertThat(sessions.resolve(s.cookieValue()).result()).isEmpty();
        assertThat(sessions.resolve(null).result()).isEmpty();
    }
}
