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
 * @param maxAge   heartbeats older than this by event time when the job runs are not rolled up (fixed 2 days): the
 *                 job's lookup then never reaches agent_events chunks that TimescaleDB has compressed (after 2 days,
 *                 V10), where the partial heartbeat indexes do not exist; a backlog of more than 2 days is beyond
 *                 the processor's lateness bound anyway
 */
public record HostRollupConfig(Duration every, Duration backfill, Duration margin, Duration maxAge) {
    public HostRollupConfig {
        if (every.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigException("AGENTPULSE_HOST_ROLLUP_EVERY", "AGENTPULSE_HOST_ROLLUP_EVERY must be at least 1s, got " + every + ".");
        }
        if (backfill.isNegative() || backfill.compareTo(maxAge) > 0) {
            throw new ConfigException("AGENTPULSE_HOST_ROLLUP_BACKFILL", "AGENTPULSE_HOST_ROLLUP_BACKFILL must lie between 0 and "
                    + maxAge.toDays() + " days, got " + backfill + ".");
        }
    }

    public static HostRollupConfig fromEnv(Map<String, String> vars) {
        Env env = Env.of(vars);
        return new HostRollupConfig(env.duration("AGENTPULSE_HOST_ROLLUP_EVERY", Duration.ofSeconds(30)),
                env.duration("AGENTPULSE_HOST_ROLLUP_BACKFILL", Duration.ofHours(2)), Duration.ofMinutes(5), Duration.ofDays(2));
    }
}
