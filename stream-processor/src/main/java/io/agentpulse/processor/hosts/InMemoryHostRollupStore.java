package io.agentpulse.processor.hosts;

import io.agentpulse.contract.Granularity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/** The in-memory {@link HostRollupStore}: the same computation as the SQL, in Java (tests and the contract). */
final class InMemoryHostRollupStore implements HostRollupStore, HostRollupStore.Tx {
    private final List<Heartbeat> heartbeats = new ArrayList<>();
    private final Map<Granularity, TreeMap<HostRow.Key, HostRow>> tables = new EnumMap<>(Granularity.class);
    private final Map<String, String> rules = new LinkedHashMap<>();
    private final Map<StateKey, byte[]> states = new HashMap<>();
    private boolean locked;

    InMemoryHostRollupStore() {
        for (Granularity g : Granularity.values()) {
            tables.put(g, new TreeMap<>());
        }
    }

    /** Stores a heartbeat as the sink would (a known event id is ignored, as ON CONFLICT DO NOTHING). */
    synchronized void add(Heartbeat h) {
        if (heartbeats.stream().noneMatch(x -> x.eventId().equals(h.eventId()))) {
            heartbeats.add(h);
        }
    }

    /** Stores a rule's JSON, or deletes the rule when null. */
    synchronized void putRule(String id, String json) {
        if (json == null) {
            rules.remove(id);
            return;
        }
        rules.put(id, json);
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
        // all or nothing, as the PostgreSQL transaction: a failed run leaves tables and states as they were
        Map<Granularity, TreeMap<HostRow.Key, HostRow>> tablesBefore = new EnumMap<>(Granularity.class);
        tables.forEach((g, t) -> tablesBefore.put(g, new TreeMap<>(t)));
        Map<StateKey, byte[]> statesBefore = new HashMap<>(states);
        try {
            work.accept(this);
        } catch (RuntimeException e) {
            tables.putAll(tablesBefore);
            states.clear();
            states.putAll(statesBefore);
            throw e;
        }
        return true;
    }

    @Override
    public synchronized SortedSet<Long> minutesIngestedSince(Instant since, Instant notBefore) {
        SortedSet<Long> out = new TreeSet<>();
        for (Heartbeat h : heartbeats) {
            if (h.ingestedAt() >= since.toEpochMilli() && h.eventTime() >= notBefore.toEpochMilli()) {
                out.add(Granularity.MINUTE.windowStart(h.eventTime()));
            }
        }
        return out;
    }

    @Override
    public synchronized void rebuild(Granularity g, SortedSet<Long> windowStarts) {
        TreeMap<HostRow.Key, HostRow> table = tables.get(g);
        table.values().removeIf(r -> windowStarts.contains(r.windowStart()));
        List<HostRow> fresh = g == Granularity.MINUTE ? fromHeartbeats(windowStarts) : fromFiner(g, windowStarts);
        fresh.forEach(r -> table.put(r.key(), r));
    }

    private List<HostRow> fromHeartbeats(SortedSet<Long> minutes) {
        Map<HostRow.Key, List<Heartbeat>> groups = new TreeMap<>();
        for (Heartbeat h : heartbeats) {
            long m = Granularity.MINUTE.windowStart(h.eventTime());
            if (minutes.contains(m)) {
                groups.computeIfAbsent(new HostRow.Key(h.host(), h.agentId(), m), k -> new ArrayList<>()).add(h);
            }
        }
        List<HostRow> out = new ArrayList<>();
        groups.forEach((k, beats) -> out.add(minuteRow(k, beats)));
        return out;
    }

    static HostRow minuteRow(HostRow.Key k, List<Heartbeat> beats) {
        long cpuN = 0;
        long memN = 0;
        double cpuSum = 0;
        double memSum = 0;
        Double cpuMax = null;
        Long memMax = null;
        Heartbeat last = null;
        for (Heartbeat h : beats) {
            Double c = h.validCpu();
            Long m = h.validMemory();
            if (c != null) {
                cpuN++;
                cpuSum += c;
                cpuMax = cpuMax == null ? c : Math.max(cpuMax, c);
            }
            if (m != null) {
                memN++;
                memSum += m;
                memMax = memMax == null ? m : Math.max(memMax, m);
            }
            // newest by event time, the larger event id on a tie (as ORDER BY event_time DESC, event_id DESC)
            if (last == null || h.eventTime() > last.eventTime()
                    || h.eventTime() == last.eventTime() && h.eventId().compareTo(last.eventId()) > 0) {
                last = h;
            }
        }
        return new HostRow(k.host(), k.agentId(), k.windowStart(), beats.size(), cpuN, cpuSum, cpuMax, memN, memSum, memMax,
                last.eventTime(), last.validCpu(), last.validMemory());
    }

    private List<HostRow> fromFiner(Granularity g, SortedSet<Long> windows) {
        Granularity finer = Granularity.values()[g.ordinal() - 1];
        Map<HostRow.Key, HostRow> merged = new TreeMap<>();
        for (HostRow r : tables.get(finer).values()) {
            long w = g.windowStart(r.windowStart());
            if (windows.contains(w)) {
                merged.merge(new HostRow.Key(r.host(), r.agentId(), w), withStart(r, w), HostRow::merge);
            }
        }
        return new ArrayList<>(merged.values());
    }

    private static HostRow withStart(HostRow r, long w) {
        return new HostRow(r.host(), r.agentId(), w, r.samples(), r.cpuSamples(), r.cpuSum(), r.cpuMax(), r.memSamples(),
                r.memSum(), r.memMax(), r.lastTime(), r.lastCpu(), r.lastMem());
    }

    @Override
    public synchronized List<HostRow> rows(Granularity g, long fromMs, long toMs) {
        List<HostRow> out = new ArrayList<>();
        for (HostRow r : tables.get(g).values()) {
            if (r.windowStart() >= fromMs && r.windowStart() < toMs) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public synchronized List<String> ruleJsons() {
        return List.copyOf(rules.values());
    }

    @Override
    public synchronized Map<StateKey, byte[]> alertStates() {
        return Map.copyOf(states);
    }

    @Override
    public synchronized void putAlertState(StateKey key, byte[] state) {
        if (state == null) {
            states.remove(key);
        } else {
            states.put(key, state.clone());
        }
    }
}
