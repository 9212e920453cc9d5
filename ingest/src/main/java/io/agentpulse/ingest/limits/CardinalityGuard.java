package io.agentpulse.ingest.limits;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.ops.CounterSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the series a client can create: per dimension, the first {@code limit} distinct values are
 * known; an event carrying a new value beyond that is rewritten to {@code _other} (and counted by
 * dimension), so a label flood costs at most limit x dimensions strings of memory and series.
 */
public final class CardinalityGuard {
    public static final String OTHER = "_other";
    static final CounterSpec FOLDED = new CounterSpec("agentpulse.gateway.cardinality.folded",
            "Events whose value of a dimension was beyond the cardinality limit and became _other, by dimension",
            "dimension");

    private final int limit;
    private final Map<String, Set<String>> known = new ConcurrentHashMap<>();
    private final Map<String, Counter> folded = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    public CardinalityGuard(int limit, MeterRegistry registry) {
        this.limit = limit;
        this.registry = registry;
    }

    /** The event, or a copy with every over-limit dimension folded to {@code _other}. */
    public AgentEvent apply(AgentEvent e) {
        AgentEvent.Builder b = null;
        b = fold(b, e, "agent", e.getAgentId(), AgentEvent.Builder::setAgentId);
        b = fold(b, e, "model", e.getModel(), AgentEvent.Builder::setModel);
        b = fold(b, e, "provider", e.getProvider(), AgentEvent.Builder::setProvider);
        b = fold(b, e, "operation", e.getOperation(), AgentEvent.Builder::setOperation);
        b = fold(b, e, "tool", e.getToolName(), AgentEvent.Builder::setToolName);
        b = fold(b, e, "environment", e.getEnvironment(), AgentEvent.Builder::setEnvironment);
        return b == null ? e : b.build();
    }

    private interface Setter {
        AgentEvent.Builder set(AgentEvent.Builder b, String v);
    }

    private AgentEvent.Builder fold(AgentEvent.Builder b, AgentEvent e, String dimension, String value, Setter setter) {
        if (value == null || admitted(dimension, value)) {
            return b;
        }
        folded.computeIfAbsent(dimension, d -> FOLDED.counter(registry, d))
                .increment();
        AgentEvent.Builder builder = b == null ? AgentEvent.newBuilder(e) : b;
        return setter.set(builder, OTHER);
    }

    private boolean admitted(String dimension, String value) {
        Set<String> values = known.computeIfAbsent(dimension, d -> ConcurrentHashMap.newKeySet());
        if (values.contains(value)) {
            return true;
        }
        if (values.size() >= limit) {
            return false;
        }
        values.add(value); // a race may admit a few over the limit; the bound stays limit + threads
        return true;
    }

    int known(String dimension) {
        Set<String> values = known.get(dimension);
        return values == null ? 0 : values.size();
    }

}
