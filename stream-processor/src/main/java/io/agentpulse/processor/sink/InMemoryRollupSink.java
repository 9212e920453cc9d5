package io.agentpulse.processor.sink;

import io.agentpulse.avro.WindowRollup;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory RollupSink: the same forward-only rule as PostgreSQL, for tests and demos. */
final class InMemoryRollupSink implements RollupSink {
    private final Map<String, WindowRollup> rows = new ConcurrentHashMap<>();

    @Override
    public synchronized void upsert(List<WindowRollup> rollups) {
        for (WindowRollup r : rollups) {
            rows.merge(key(r), r, (old, neu) -> Rollups.movesForward(old, neu) ? neu : old);
        }
    }

    public Optional<WindowRollup> find(String granularity, String grp, String agent, String model, String operation, long windowStart) {
        return Optional.ofNullable(rows.get(String.join("|", granularity, grp, agent, model, operation, Long.toString(windowStart))));
    }

    /**
     * First and last window start (epoch ms) of a dimension's value, as PostgreSQL's dimension_values
     * holds it: from the rows of its slice of group all.
     */
    public Optional<long[]> dimensionValue(String dimension, String value) {
        String grp = io.agentpulse.contract.Dimensions.slice("all", dimension, value);
        long[] span = rows.values().stream().filter(r -> r.getGrp().equals(grp)).map(r -> r.getWindowStart().toEpochMilli())
                .collect(() -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE}, (a, t) -> {
                    a[0] = Math.min(a[0], t);
                    a[1] = Math.max(a[1], t);
                }, (a, b) -> { });
        return span[0] == Long.MAX_VALUE ? Optional.empty() : Optional.of(span);
    }

    public int size() {
        return rows.size();
    }

    private static String key(WindowRollup r) {
        return String.join("|", r.getGranularity(), r.getGrp(), r.getAgentId(), r.getModel(), r.getOperation(),
                Long.toString(r.getWindowStart().toEpochMilli()));
    }
}
