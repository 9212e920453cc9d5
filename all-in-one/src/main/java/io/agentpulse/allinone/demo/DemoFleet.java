package io.agentpulse.allinone.demo;

import io.agentpulse.avro.AgentEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A simulated fleet of agents, so that a fresh dashboard is alive at once. Generation is a pure
 * function of (seed, time): {@link #tick(Instant)} returns the events that happened since the
 * previous tick; scheduling and publishing live in {@link DemoRunner}.
 */
public final class DemoFleet {
    private static final String[] ROLES = {"support-bot", "research-agent", "code-reviewer", "sales-assistant",
        "data-analyst", "triage-agent", "travel-planner", "doc-writer", "sql-copilot", "onboarding-guide"};
    /** The teams owning the agents, in turn (the attribute {@code team}: a custom dimension to slice by). */
    static final String[] TEAMS = {"search", "platform", "growth"};

    /** Who invokes whom (by role; agents of the same number): the call graph of the demo, two levels deep. */
    private static final Map<String, List<String>> DELEGATES = Map.of(
            "triage-agent", List.of("support-bot", "sales-assistant", "travel-planner"),
            "research-agent", List.of("data-analyst", "doc-writer"),
            "support-bot", List.of("sql-copilot"), "data-analyst", List.of("sql-copilot"));

    private final List<SimulatedAgent> agents = new ArrayList<>();
    private final Map<String, List<SimulatedAgent>> callees = new HashMap<>();
    private final double eventsPerSecondPerAgent;
    private final Random random;
    private Instant last;

    /**
     * @param agentCount              how many agents, >= 0
     * @param eventsPerSecondPerAgent mean rate of calls per agent, events/s, > 0
     * @param seed                    the same seed gives the same fleet and the same events
     * @param start                   time of the first tick
     */
    public DemoFleet(int agentCount, double eventsPerSecondPerAgent, long seed, Instant start) {
        if (agentCount < 0 || !(eventsPerSecondPerAgent > 0)) {
            throw new IllegalArgumentException("The demo fleet needs agentCount >= 0 and a positive rate, got "
                    + agentCount + " agents at " + eventsPerSecondPerAgent + " events/s.");
        }
        this.eventsPerSecondPerAgent = eventsPerSecondPerAgent;
        this.random = new Random(seed);
        this.last = start;
        List<ModelProfile> models = ModelProfile.DEFAULTS;
        for (int i = 0; i < agentCount; i++) {
            String name = ROLES[i % ROLES.length] + "-" + String.format("%02d", i / ROLES.length + 1);
            ModelProfile primary = models.get(i % models.size());
            ModelProfile secondary = models.get((i * 7 + 3) % models.size());
            // three agents per demo host (host.name on their heartbeats)
            String host = "demo-node-" + String.format("%02d", i / 3 + 1);
            agents.add(new SimulatedAgent(name, host, i % 5 == 4 ? "staging" : "production", TEAMS[i % TEAMS.length],
                    primary, secondary, seed + i));
        }
        Map<String, SimulatedAgent> byName = new HashMap<>();
        agents.forEach(a -> byName.put(a.id(), a));
        for (SimulatedAgent a : agents) {
            String role = a.id().substring(0, a.id().lastIndexOf('-'));
            String number = a.id().substring(a.id().lastIndexOf('-'));
            callees.put(a.id(), DELEGATES.getOrDefault(role, List.of()).stream().map(r -> byName.get(r + number))
                    .filter(java.util.Objects::nonNull).toList());
            if (!callees.get(a.id()).isEmpty()) {
                a.orchestrate();
            }
        }
    }

    /** The events of every agent between the previous tick and {@code now}; empty if time did not move. */
    public List<AgentEvent> tick(Instant now) {
        long elapsedMs = Duration.between(last, now).toMillis();
        if (elapsedMs <= 0) {
            return List.of();
        }
        Instant from = last;
        last = now;
        List<AgentEvent> out = new ArrayList<>();
        double expected = eventsPerSecondPerAgent * elapsedMs / 1000.0;
        for (SimulatedAgent agent : agents) {
            int n = poisson(expected);
            for (int k = 0; k < n; k++) {
                Instant at = from.plusMillis((long) (random.nextDouble() * elapsedMs));
                out.addAll(agent.step(at));
            }
            out.addAll(agent.heartbeatIfDue(now));
        }
        List<AgentEvent> delegated = new ArrayList<>();
        for (AgentEvent e : out) {
            delegate(e, 2, delegated);
        }
        out.addAll(delegated);
        out.sort((a, b) -> a.getEventTime().compareTo(b.getEventTime()));
        return out;
    }

    /** The runs {@code parent} (an invoke_agent span) starts in other agents, down to {@code depth} levels. */
    private void delegate(AgentEvent parent, int depth, List<AgentEvent> out) {
        if (depth == 0 || !"invoke_agent".equals(parent.getOperation()) || parent.getKind() != io.agentpulse.avro.EventKind.SPAN) {
            return;
        }
        for (SimulatedAgent callee : callees.getOrDefault(parent.getAgentId(), List.of())) {
            if (random.nextDouble() < 0.7) {
                AgentEvent child = callee.invokedBy(parent);
                out.add(child);
                delegate(child, depth - 1, out);
            }
        }
    }

    public int size() {
        return agents.size();
    }

    /** Knuth's method; fine for the small means of one tick (a few events per agent). */
    private int poisson(double mean) {
        double l = Math.exp(-mean);
        double p = random.nextDouble();
        int k = 0;
        while (p > l) {
            k++;
            p *= random.nextDouble();
        }
        return k;
    }
}
