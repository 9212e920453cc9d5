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
     * True when {@code next} should replace {@code current}: more events (calls + feedback scores),
     * or as many turning final. Snapshots are cumulative, so neither count decreases along one
     * window's history, and a window holding scores only (count 0) moves forward as well.
     */
    static boolean movesForward(WindowRollup current, WindowRollup next) {
        long a = current.getCount() + current.getFeedbackCount();
        long b = next.getCount() + next.getFeedbackCount();
        return a < b || (a == b && !current.getIsFinal());
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
