package io.agentpulse.processor.sink;

import io.agentpulse.avro.WindowRollup;
import java.util.List;

/**
 * Stores window snapshots, one row per (granularity, grp, agent, model, operation, window_start).
 * Idempotent and monotonic: a row only moves forward (a higher count, or the final snapshot of the
 * same count); a replayed or stale snapshot changes nothing.
 */
interface RollupSink {
    void upsert(List<WindowRollup> rollups);
}
