package io.agentpulse.processor.retention;

import io.agentpulse.ops.ConfigException;
import io.agentpulse.ops.Env;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How long each timed table keeps its rows. Empty = forever. A partition is dropped once its
 * whole time range is older than now - retention, so rows live at least the retention and at most
 * the retention plus one partition slice (1 day raw and minute, 1 month 5-minute and hour, 1 year
 * day, week and 4-week).
 *
 * @param raw         agent_events
 * @param minute      rollup_1m
 * @param fiveMinutes rollup_5m
 * @param hour        rollup_1h
 * @param day         rollup_1d
 * @param week        rollup_1w
 * @param fourWeeks   rollup_4w
 * @param every       how often the job runs
 */
public record RetentionConfig(Optional<Duration> raw, Optional<Duration> minute, Optional<Duration> fiveMinutes,
                              Optional<Duration> hour, Optional<Duration> day, Optional<Duration> week,
                              Optional<Duration> fourWeeks, Duration every) {

    public static RetentionConfig defaults() {
        return fromEnv(Map.of());
    }

    public static RetentionConfig fromEnv(Map<String, String> vars) {
        Env env = Env.of(vars);
        return new RetentionConfig(
                keep(vars, env, "AGENTPULSE_RETENTION_RAW", Duration.ofDays(7)),
                keep(vars, env, "AGENTPULSE_RETENTION_1M", Duration.ofDays(30)),
                keep(vars, env, "AGENTPULSE_RETENTION_5M", Duration.ofDays(90)),
                keep(vars, env, "AGENTPULSE_RETENTION_1H", Duration.ofDays(400)),
                keep(vars, env, "AGENTPULSE_RETENTION_1D", null),
                keep(vars, env, "AGENTPULSE_RETENTION_1W", null),
                keep(vars, env, "AGENTPULSE_RETENTION_4W", null),
                env.duration("AGENTPULSE_RETENTION_EVERY", Duration.ofHours(1)));
    }

    /** Retention per timed table name; tables not named here (e.g. alerts) are never touched. */
    Map<String, Optional<Duration>> byTable() {
        Map<String, Optional<Duration>> m = new LinkedHashMap<>();
        m.put("agent_events", raw);
        m.put("rollup_1m", minute);
        m.put("rollup_5m", fiveMinutes);
        m.put("rollup_1h", hour);
        m.put("rollup_1d", day);
        m.put("rollup_1w", week);
        m.put("rollup_4w", fourWeeks);
        // host rollups (V47) keep what the call rollups of their granularity keep
        for (String g : new String[] {"1m", "5m", "1h", "1d", "1w", "4w"}) {
            m.put("host_rollup_" + g, m.get("rollup_" + g));
        }
        m.put("agent_calls", hour); // call-graph minutes (V52): small (one row per edge and minute)
        return m;
    }

    /** "forever" (or "0") keeps everything; anything else is a duration such as 7d or P30D, at least one day. */
    private static Optional<Duration> keep(Map<String, String> vars, Env env, String name, Duration dflt) {
        String raw = vars.get(name);
        if (raw == null || raw.isBlank()) {
            return Optional.ofNullable(dflt);
        }
        if (raw.trim().equalsIgnoreCase("forever") || raw.trim().equals("0")) {
            return Optional.empty();
        }
        Duration d = env.duration(name, dflt);
        if (d.compareTo(Duration.ofDays(1)) < 0) {
            throw new ConfigException(name, name + " is set to \"" + raw + "\", which is shorter than one day; expected a"
                    + " duration of at least one day such as 7d or P30D, or \"forever\".");
        }
        return Optional.of(d);
    }
}
