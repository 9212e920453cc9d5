package io.agentpulse.ingest.limits;

import io.agentpulse.ops.CounterSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client key: {@code burst} requests at once, refilled at {@code rate} per second.
 * At most {@code maxKeys} buckets are kept (memory is bounded whatever keys a client invents); later
 * keys share the {@code _other} bucket. Time is an input (a nanosecond ticker).
 */
public final class RateLimiter {
    static final String OTHER = "_other";
    static final CounterSpec LIMITED = new CounterSpec("agentpulse.gateway.limited",
            "Requests refused with 429 because their client key ran out of tokens, by reason", "reason");

    private final double ratePerNano;
    private final double burst;
    private final int maxKeys;
    private final LongSupplier ticker;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Counter limited;

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }
    }

    public RateLimiter(LimitsConfig config, LongSupplier ticker, MeterRegistry registry) {
        this.ratePerNano = config.ratePerKey() / 1e9;
        this.burst = config.burstPerKey();
        this.maxKeys = config.maxKeys();
        this.ticker = ticker;
        this.limited = LIMITED.counter(registry, "rate");
    }

    /**
     * Takes one request's token.
     *
     * @return 0 when allowed, else the whole seconds (>= 1) until a token is available, for Retry-After
     */
    public long acquire(String key) {
        if (ratePerNano <= 0) {
            return 0;
        }
        long now = ticker.getAsLong();
        String k = key == null ? OTHER : key;
        Bucket bucket = buckets.get(k);
        if (bucket == null) {
            bucket = buckets.size() >= maxKeys ? buckets.computeIfAbsent(OTHER, x -> new Bucket(burst, now))
                    : buckets.computeIfAbsent(k, x -> new Bucket(burst, now));
        }
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.lastNanos) * ratePerNano);
            bucket.lastNanos = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            limited.increment();
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / ratePerNano / 1e9));
        }
    }

    int trackedKeys() {
        return buckets.size();
    }
}
