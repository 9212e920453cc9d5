package io.agentpulse.processor.sink;

import io.agentpulse.avro.WindowRollup;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The forward-only rule shared by both sinks, and the batch reduction it allows. */
final class Rollups {
    private Rollups() {}

    /**
     * True when {@code next} should replace {@code current}: a higher count, or the same count
     * turning final. Snapshots are cumulative, so count never decreases along one window's history.
     */
    static boolean movesForward(WindowRollup current, WindowRollup next) {
        return current.getCount() < next.getCount()
                || (current.getCount() == next.getCount() && !current.getIsFinal());
    }

    /** Keeps the most advanced snapshot per row (one statement may touch a row only once). */
    static Collection<WindowRollup> latestPerRow(List<WindowRollup> batch) {
        Map<String, WindowRollup> best = new LinkedHashMap<>();
        for (WindowRollup r : batch) {
            String k = String.join("|", r.getGranularity(), r.getGrp(), r.getAgentId(), r.getModel(), r.getOperation(),
                    Long.toString(r.getWindowStart().toEpochMilli()));
            best.merge(k, r, (old, neu) -> movesForward(old, neu) ? neu : old);
        }
        return best.values();
    }
}
