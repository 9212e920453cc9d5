package io.agentpulse.processor.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pure: which partitions to drop at a given instant. A partition goes only when its whole range
 * ends at or before the cutoff (now - retention), so no row inside the retention is ever dropped.
 */
public final class RetentionPolicy {
    private final Map<String, Optional<Duration>> byTable;
    private final Clock clock;

    public RetentionPolicy(RetentionConfig config, Clock clock) {
        this.byTable = config.byTable();
        this.clock = clock;
    }

    /** The cutoff of a table, or empty when it keeps everything (or is not ours to prune). */
    Optional<Instant> cutoff(String table) {
        return byTable.getOrDefault(table, Optional.empty()).map(d -> clock.instant().minus(d));
    }

    List<Partition> toDrop(List<Partition> partitions) {
        List<Partition> out = new ArrayList<>();
        for (Partition p : partitions) {
            Optional<Instant> cut = cutoff(p.table());
            if (cut.isPresent() && !p.to().isAfter(cut.get())) {
                out.add(p);
            }
        }
        return out;
    }

    Map<String, Optional<Duration>> retentions() {
        return byTable;
    }
}
