package io.agentpulse.processor.hosts;

import io.agentpulse.ops.ConfigException;
import io.agentpulse.ops.Env;
import java.time.Duration;
import java.util.Map;

/**
 * The host rollup job's settings.
 *
 * @param every    how often it runs (AGENTPULSE_HOST_ROLLUP_EVERY, 30s): host data lags the heartbeats by at most this
 * @param backfill how far back the first run after a start looks for stored heartbeats (AGENTPULSE_HOST_ROLLUP_BACKFILL, 2h)
 * @param margin   later runs look back to the previous run's start minus this (fixed 5 min): ingested_at is the
 *                 database clock at the sink transaction's start, so a slow transaction or a clock skew is still seen
 * @param maxAge   heartbeats older than this by event time are not rolled up (fixed 7 days, the raw retention): the
 *                 coarse windows they would change are rebuilt from finer tables that still hold them only that long
 */
public record HostRollupConfig(Duration every, Duration backfill, Duration margin, Duration maxAge) {
    public HostRollupConfig {
        if (every.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigException("AGENTPULSE_HOST_ROLLUP_EVERY", "AGENTPULSE_HOST_ROLLUP_EVERY must be at least 1s, got " + every + ".");
        }
        if (backfill.isNegative() || backfill.compareTo(maxAge) > 0) {
            throw new ConfigException("AGENTPULSE_HOST_ROLLUP_BACKFILL", "AGENTPULSE_HOST_ROLLUP_BACKFILL must lie between 0 and "
                    + maxAge.toDays() + " days (the raw retention), got " + backfill + ".");
        }
    }

    public static HostRollupConfig fromEnv(Map<String, String> vars) {
        Env env = Env.of(vars);
        return new HostRollupConfig(env.duration("AGENTPULSE_HOST_ROLLUP_EVERY", Duration.ofSeconds(30)),
                env.duration("AGENTPULSE_HOST_ROLLUP_BACKFILL", Duration.ofHours(2)), Duration.ofMinutes(5), Duration.ofDays(7));
    }
}
