package io.agentpulse.processor.calls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/** The in-memory {@link AgentCallStore}: the same joins as the SQL, in Java (tests and the contract). */
final class InMemoryAgentCallStore implements AgentCallStore, AgentCallStore.Tx {
    private final List<Span> spans = new ArrayList<>();
    private TreeMap<String, EdgeMinute> rows = new TreeMap<>(); // by caller \0 callee \0 minute (fixed width)
    private boolean locked;

    /** Stores a span as the sink would (a known event id is ignored, as ON CONFLICT DO NOTHING). */
    synchronized void add(Span s) {
        if (spans.stream().noneMatch(x -> x.eventId().equals(s.eventId()))) {
            spans.add(s);
        }
    }

    /** Simulates another processor instance holding the job's lock. */
    synchronized void lockedElsewhere(boolean held) {
        locked = held;
    }

    @Override
    public synchronized boolean run(Consumer<Tx> work) {
        if (locked) {
            return false;
        }
        TreeMap<String, EdgeMinute> before = new TreeMap<>(rows); // all or nothing, as the transaction
        try {
            work.accept(this);
        } catch (RuntimeException e) {
            rows = before;
            throw e;
        }
        return true;
    }

    @Override
    public synchronized SortedSet<Long> minutesTouchedSince(Instant since, Instant notBefore, Instant parentsFrom) {
        long skew = notBefore.toEpochMilli() - parentsFrom.toEpochMilli();
        SortedSet<Long> out = new TreeSet<>();
        for (Span p : spans) {
            if (p.ingestedAt() < since.toEpochMilli() || p.traceId() == null || p.spanId() == null
                    || p.eventTime() < parentsFrom.toEpochMilli()) {
                continue;
            }
            List<Long> touched = new ArrayList<>();
            if (p.parentSpanId() != null) {
                touched.add(p.eventTime());
            }
            for (Span c : spans) {
                if (p.traceId().equals(c.traceId()) && p.spanId().equals(c.parentSpanId()) && !c.agentId().equals(p.agentId())
                        && c.eventTime() >= p.eventTime() - skew && c.eventTime() < p.eventTime() + skew) {
                    touched.add(c.eventTime());
                }
            }
            touched.stream().filter(t -> t >= notBefore.toEpochMilli()).forEach(t -> out.add(Math.floorDiv(t, Edges.MINUTE_MS) * Edges.MINUTE_MS));
        }
        return out;
    }

    @Override
    public synchronized List<AgentCall> calls(long fromMs, long toMs, long parentsFrom, long parentsTo) {
        List<AgentCall> out = new ArrayList<>();
        for (Span c : spans) {
            if (c.traceId() == null || c.parentSpanId() == null || c.eventTime() < fromMs || c.eventTime() >= toMs) {
                continue;
            }
            spans.stream().filter(p -> c.traceId().equals(p.traceId()) && c.parentSpanId().equals(p.spanId())
                            && p.eventTime() >= parentsFrom && p.eventTime() < parentsTo)
                    .min(Comparator.comparingLong(Span::eventTime).thenComparing(Span::eventId))
                    .filter(p -> !p.agentId().equals(c.agentId()))
                    .ifPresent(p -> out.add(new AgentCall(p.agentId(), c.agentId(), c.eventTime(), validLatency(c.latencyMs()), c.error())));
        }
        return out;
    }

    private static Double validLatency(Double l) {
        return l != null && l >= 0 && !l.isInfinite() ? l : null;
    }

    @Override
    public synchronized void replace(long fromMs, long toMs, List<EdgeMinute> replacement) {
        rows.values().removeIf(r -> r.windowStart() >= fromMs && r.windowStart() < toMs);
        for (EdgeMinute r : replacement) {
            rows.put(key(r), Objects.requireNonNull(r));
        }
    }

    @Override
    public synchronized List<EdgeMinute> rows(long fromMs, long toMs) {
        return rows.values().stream().filter(r -> r.windowStart() >= fromMs && r.windowStart() < toMs).toList();
    }

    private static String key(EdgeMinute r) {
        return r.caller() + '\0' + r.callee() + '\0' + String.format("%020d", r.windowStart());
    }
}
