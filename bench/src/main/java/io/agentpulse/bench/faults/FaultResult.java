package io.agentpulse.bench.faults;

import java.time.Duration;

/**
 * One fault run: events the loader made, acknowledged (202) and counted in PostgreSQL ('all' rows),
 * the recovery figure of the scenario (what it measures is in {@code recoveryMeaning}), the time
 * from the end of the load until PostgreSQL equalled the oracle, and whether the criterion held.
 */
public record FaultResult(String scenario, long made, long acknowledged, long counted, Duration recovery,
                          String recoveryMeaning, Duration converged, boolean passed, String detail) {

    public String markdownRow() {
        return String.format("| %s | %,d | %,d | %,d | %.1f s (%s) | %.1f s | %s | %s |", scenario, made, acknowledged, counted,
                recovery.toMillis() / 1000.0, recoveryMeaning, converged.toMillis() / 1000.0, passed ? "pass" : "FAIL", detail);
    }

    public static String markdownHeader() {
        return "| scenario | events made | acknowledged (202) | counted in PostgreSQL | recovery | load end -> totals equal | result | notes |\n"
                + "|---|---|---|---|---|---|---|---|";
    }
}
