package io.agentpulse.processor.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The processor's boundary counters (Micrometer): accepted events, DLQ by reason, late, duplicates. */
public final class PulseMetrics {
    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter tooOld;
    private final Counter corrections;
    private final Counter rollupsEmitted;
    private final Map<String, Counter> dlq = new ConcurrentHashMap<>();
    private final Map<String, Counter> folded = new ConcurrentHashMap<>();

    public PulseMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("agentpulse.processor.events.accepted")
                .description("Valid, deduplicated events counted in windows").register(registry);
        this.duplicates = Counter.builder("agentpulse.processor.events.duplicates")
                .description("Events dropped because their event_id was seen within the dedup horizon").register(registry);
        this.tooOld = Counter.builder("agentpulse.processor.events.too_old")
                .description("Events that completed more than the lateness bound before stream time, sent to the DLQ").register(registry);
        this.corrections = Counter.builder("agentpulse.processor.events.corrections")
                .description("Late events counted into 1-minute windows already emitted as final (each corrects every coarser window)")
                .register(registry);
        this.rollupsEmitted = Counter.builder("agentpulse.processor.rollups.emitted")
                .description("WindowRollup snapshots written to the rollups topic").register(registry);
    }

    void accepted() {
        accepted.increment();
    }

    void duplicate() {
        duplicates.increment();
    }

    void correction() {
        corrections.increment();
    }

    void rollupEmitted() {
        rollupsEmitted.increment();
    }

    /** Counts an event whose value of {@code dimension} folded into _other (cardinality limit). */
    void folded(String dimension) {
        folded.computeIfAbsent(dimension, d -> Counter.builder("agentpulse.processor.cardinality.folded").tag("dimension", d)
                .description("Events whose dimension value exceeded the cardinality limit and was folded into _other")
                .register(registry)).increment();
    }

    /** Counts a DLQ record; the reason is from a closed set (DlqReason), so the tag stays bounded. */
    void dlq(String reason) {
        if (DlqReason.TOO_OLD.equals(reason)) {
            tooOld.increment();
        }
        dlq.computeIfAbsent(reason, r -> Counter.builder("agentpulse.processor.events.dlq").tag("reason", r)
                .description("Records sent to the DLQ, by reason").register(registry)).increment();
    }
}
