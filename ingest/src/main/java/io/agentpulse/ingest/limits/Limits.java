package io.agentpulse.ingest.limits;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;

/** The gateway's limits as one object: the rate limiter, the cardinality guard and the batch bound. */
public final class Limits {
    private final LimitsConfig config;
    private final RateLimiter rate;
    private final CardinalityGuard cardinality;

    public Limits(LimitsConfig config, LongSupplier ticker, MeterRegistry registry) {
        this.config = config;
        this.rate = new RateLimiter(config, ticker, registry);
        this.cardinality = new CardinalityGuard(config.cardinalityPerDimension(), registry);
    }

    public LimitsConfig config() {
        return config;
    }

    public RateLimiter rate() {
        return rate;
    }

    public CardinalityGuard cardinality() {
        return cardinality;
    }
}
