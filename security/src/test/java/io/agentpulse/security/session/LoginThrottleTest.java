package io.agentpulse.security.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.security.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The throttle as a table: each step is (seconds since start, event, expected lock left in seconds after it). */
class LoginThrottleTest {
    record Step(long atSeconds, String event, String user, long expectLockedSeconds) {}

    static final List<Step> TABLE = List.of(
            new Step(0, "fail", "alice", 0),
            new Step(10, "fail", "alice", 0),
            new Step(20, "fail", "ALICE", 0),          // case-insensitive: same budget
            new Step(30, "fail", "alice", 0),
            new Step(31, "fail", "bob", 0),            // other users are not affected
            new Step(40, "fail", "alice", 300),        // 5th failure within 5 min: locked 5 min
            new Step(41, "check", "alice", 299),
            new Step(41, "check", "bob", 0),
            new Step(339, "check", "alice", 1),
            new Step(340, "check", "alice", 0),        // lock over
            new Step(341, "fail", "alice", 0),         // counting starts over
            new Step(342, "success", "alice", 0),
            new Step(343, "fail", "alice", 0),
            // failures spread wider than the window never lock
            new Step(1000, "fail", "carol", 0), new Step(1100, "fail", "carol", 0), new Step(1200, "fail", "carol", 0),
            new Step(1300, "fail", "carol", 0), new Step(1301, "fail", "dave", 0), new Step(1310, "fail", "carol", 0),
            new Step(1311, "check", "carol", 0));

    @Test
    void followsTheTable() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        TestClock clock = new TestClock(t0);
        LoginThrottle throttle = LoginThrottle.standard(clock);
        for (Step s : TABLE) {
            clock.advance(Duration.between(clock.instant(), t0.plusSeconds(s.atSeconds())));
            Duration got = switch (s.event()) {
                case "fail" -> throttle.failure(s.user());
                case "success" -> {
                    throttle.success(s.user());
                    yield throttle.lockedFor(s.user());
                }
                default -> throttle.lockedFor(s.user());
            };
            assertThat(got.toSeconds()).as(s.toString()).isEqualTo(s.expectLockedSeconds());
        }
    }
}
