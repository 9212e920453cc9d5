package io.agentpulse.bench;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.contract.Completion;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A steady offered rate of Avro events from 1000 agents x 10 models x 3 operations (30,000 series),
 * paced in 10 ms ticks, with the oracle: exact count and input tokens per agent and completion minute.
 * Every tick also sends one event of the freshness agent (100/s), which the oracle counts too.
 */
public final class SteadyLoad {
    static final String[] MODELS = {"gpt-4o", "gpt-4o-mini", "o3", "claude-sonnet-4", "claude-haiku-4", "gemini-2.5-pro",
        "gemini-2.5-flash", "mistral-large", "llama-3.3-70b", "command-r"};
    static final String[] OPS = {"chat", "execute_tool", "invoke_agent"};
    private static final long TICK_NANOS = 10_000_000L;

    public final String prefix;
    final String freshAgent;
    /** "agent|minuteStart" -> {count, input tokens}: what the 1m agent rows must hold. */
    public final Map<String, long[]> oracle = new HashMap<>();
    public long sent;
    /** Largest shortfall behind the schedule at the end of a tick, in events (0 = the rate was offered). */
    public long maxBehind;

    public SteadyLoad(String prefix) {
        this.prefix = prefix;
        this.freshAgent = prefix + "-fresh";
    }

    /** Sends {@code rate} events/s for {@code seconds}; {@code probe} (may be null) hears each freshness event's window. */
    public void run(SteadyOutlet out, int rate, int seconds, FreshnessProbe probe) {
        SplittableRandom r = new SplittableRandom(prefix.hashCode());
        long t0 = System.nanoTime();
        long end = t0 + seconds * 1_000_000_000L;
        for (long tick = t0; tick < end; tick += TICK_NANOS) {
            long wait = tick - System.nanoTime();
            if (wait > 0) { // parked, not spun: a spinning generator would take one of the two cores it measures
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            long due = (long) ((tick - t0 + TICK_NANOS) / 1e9 * rate);
            while (sent < due) {
                long i = sent++;
                send(out, event(i, prefix + "-agent-" + (i % 1000), r), null);
            }
            AgentEvent f = event(sent, freshAgent, r);
            send(out, f, probe);
            out.endOfTick();
            maxBehind = Math.max(maxBehind, due - sent);
        }
        out.flush();
    }

    private void send(SteadyOutlet out, AgentEvent e, FreshnessProbe probe) {
        long c = Completion.of(e);
        long[] o = oracle.computeIfAbsent(e.getAgentId() + "|" + Math.floorDiv(c, 60_000L) * 60_000L, k -> new long[2]);
        o[0]++;
        o[1] += e.getInputTokens();
        if (probe != null) {
            probe.sent(c);
        }
        out.send(e);
    }

    /** An event that completes now (reported at its end, as instrumentations do), its series from {@code i}. */
    private AgentEvent event(long i, String agent, SplittableRandom r) {
        double latency = BenchEvents.latency(r);
        long now = System.currentTimeMillis();
        return BenchEvents.event(prefix + "-" + i + "-" + agent.length() + "-" + r.nextLong(), agent,
                MODELS[(int) ((i / 1000) % MODELS.length)], OPS[(int) ((i / 10_000) % OPS.length)],
                Instant.ofEpochMilli(now - Math.round(latency)), latency, i, r);
    }
}
