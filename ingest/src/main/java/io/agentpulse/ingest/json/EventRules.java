package io.agentpulse.ingest.json;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The time bounds an event must satisfy, measured against {@code clock} (time is an input).
 *
 * @param clock     the gateway clock; "now" is read once per batch
 * @param maxFuture how far ahead of now an event_time may be (clock skew of agents)
 * @param maxPast   how far behind now an event_time may be (older data is outside every window)
 * @param attributes OTLP span (else resource) attributes kept in the event's attributes besides the
 *                   GenAI ones: the custom slicing dimensions (contract/Dimensions#custom)
 */
public record EventRules(Clock clock, Duration maxFuture, Duration maxPast, java.util.List<String> attributes) {
    public static final Duration DEFAULT_MAX_FUTURE = Duration.ofMinutes(5);
    public static final Duration DEFAULT_MAX_PAST = Duration.ofDays(7);

    public EventRules(Clock clock, Duration maxFuture, Duration maxPast) {
        this(clock, maxFuture, maxPast, java.util.List.of());
    }

    public EventRules {
        attributes = java.util.List.copyOf(attributes);
        Objects.requireNonNull(clock, "clock");
        if (maxFuture.isNegative() || maxPast.isNegative()) {
            throw new IllegalArgumentException("Time bounds must not be negative.");
        }
    }

    /** The default bounds (5 minutes ahead, 7 days behind) on the given clock. */
    public static EventRules defaults(Clock clock) {
        return new EventRules(clock, DEFAULT_MAX_FUTURE, DEFAULT_MAX_PAST);
    }
}
