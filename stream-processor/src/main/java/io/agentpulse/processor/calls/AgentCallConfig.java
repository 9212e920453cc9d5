package io.agentpulse.processor.calls;

import io.agentpulse.ops.ConfigException;
import io.agentpulse.ops.Env;
import java.time.Duration;
import java.util.Map;

/**
 * The call-graph job's settings.
 *
 * @param every  how often it runs (AGENTPULSE_AGENT_CALLS_EVERY, 5s): the graph lags the spans by at most this
 * @param window the look-back (AGENTPULSE_AGENT_CALLS_WINDOW, 1h): the first run after a start recounts the
 *               minutes of the last {@code window}; a child or parent span stored later than {@code window}
 *               after it started is not counted; a parent is looked for up to {@code window} before and after
 *               its child's minute (so a long parent span, or a clock skew between agents, up to that is joined)
 * @param margin later runs look for spans stored since the previous run's start minus this (fixed 5 min):
 *               ingested_at is the database clock at the sink transaction's start, so a slow transaction is still seen
 */
public record AgentCallConfig(Duration every, Duration window, Duration margin) {
    /** Bound of the window: older spans may lie in TimescaleDB-compressed chunks (after 2 days, V10). */
    static final Duration MAX_WINDOW = Duration.ofDays(1);

    public AgentCallConfig {
        if (every.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigException("AGENTPULSE_AGENT_CALLS_EVERY", "AGENTPULSE_AGENT_CALLS_EVERY must be at least 1s, got " + every + ".");
        }
        if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw new ConfigException("AGENTPULSE_AGENT_CALLS_WINDOW", "AGENTPULSE_AGENT_CALLS_WINDOW must lie between 1m and "
                    + MAX_WINDOW.toHours() + "h, got " + window + ".");
        }
    }

    public static AgentCallConfig fromEnv(Map<String, String> vars) {
        Env env = Env.of(vars);
        return new AgentCallConfig(env.duration("AGENTPULSE_AGENT_CALLS_EVERY", Duration.ofSeconds(5)),
                env.duration("AGENTPULSE_AGENT_CALLS_WINDOW", Duration.ofHours(1)), Duration.ofMinutes(5));
    }
}
