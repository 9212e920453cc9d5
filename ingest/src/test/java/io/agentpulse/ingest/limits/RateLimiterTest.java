package io.agentpulse.ingest.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void burstThenRateThenRetryAfterPerKey() {
        RateLimiter limiter = new RateLimiter(LimitsConfig.defaults().withRate(2, 3), nanos::get, registry);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("a")).isZero();
        }
        assertThat(limiter.acquire("a")).isEqualTo(1); // half a second to the next token, rounded up
        assertThat(limiter.acquire("b")).isZero();      // keys are independent
        nanos.addAndGet(500_000_000L);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(1);
        assertThat(registry.counter("agentpulse.gateway.limited", "reason", "rate").count()).isEqualTo(2);
    }

    @Test
    void keysBeyondTheBoundShareOneBucket() {
        LimitsConfig config = new LimitsConfig(100, 1, 2, 3, 100);
        RateLimiter limiter = new RateLimiter(config, nanos::get, registry);
        for (int k = 0; k < 3; k++) {
            limiter.acquire("k" + k);
        }
        assertThat(limiter.acquire("new-1")).isZero();
        assertThat(limiter.acquire("new-2")).isZero();
        assertThat(limiter.acquire("new-3")).isPositive(); // the shared _other bucket is empty
        assertThat(limiter.trackedKeys()).isEqualTo(4);
    }

    @Test
    void zeroRateMeansNoLimit() {
        RateLimiter limiter = new RateLimiter(LimitsConfig.defaults().withRate(0, 1), nanos::get, registry);
        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.acquire("a")).isZero();
        }
    }
}
