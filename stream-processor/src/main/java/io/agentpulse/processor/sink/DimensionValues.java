package io.agentpulse.processor.sink;

import io.agentpulse.avro.WindowRollup;
import io.agentpulse.contract.Dimensions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps dimension_values (V50): every value of a slicing dimension with the first and last window it
 * was counted in, from the rows of group all@dimension=value (one per value per window, so a batch adds
 * a handful of rows at most). Written in the rollups' transaction; times only move outwards.
 */
final class DimensionValues {
    private static final String ON_CONFLICT = "ON CONFLICT (dimension, value) DO UPDATE SET "
            + "first_seen = LEAST(r.first_seen, EXCLUDED.first_seen), last_seen = GREATEST(r.last_seen, EXCLUDED.last_seen) "
            + "WHERE EXCLUDED.first_seen < r.first_seen OR EXCLUDED.last_seen > r.last_seen";

    private DimensionValues() {}

    /** One row per (dimension, value) of the batch: an upsert may not touch a row twice. */
    static void upsert(Connection c, List<WindowRollup> rollups) throws SQLException {
        Map<String, long[]> seen = new LinkedHashMap<>();
        Map<String, Dimensions.Slice> slices = new LinkedHashMap<>();
        for (WindowRollup r : rollups) {
            String grp = r.getGrp();
            if (!grp.startsWith("all@")) {
                continue;
            }
            long start = r.getWindowStart().toEpochMilli();
            long[] span = seen.computeIfAbsent(grp, g -> new long[] {start, start});
            span[0] = Math.min(span[0], start);
            span[1] = Math.max(span[1], start);
            slices.computeIfAbsent(grp, Dimensions::parse);
        }
        if (seen.isEmpty()) {
            return;
        }
        Unnest rows = new Unnest().col("dimension", "text").col("value", "text").col("grp_value", "text")
                .millis("first_seen").millis("last_seen");
        seen.forEach((grp, span) -> {
            Dimensions.Slice s = slices.get(grp);
            String prefix = Dimensions.slicePrefix("all", s.dimension());
            rows.row(s.dimension(), s.value(), grp.substring(prefix.length()), span[0], span[1]);
        });
        rows.execute(c, "dimension_values", ON_CONFLICT);
    }
}
