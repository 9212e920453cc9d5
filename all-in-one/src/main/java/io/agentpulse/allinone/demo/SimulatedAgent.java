package io.agentpulse.allinone.demo;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.EventKind;
import io.agentpulse.avro.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * One demo agent: mostly chat calls to its primary model, some to a secondary one, tool calls,
 * embeddings and retrievals, an invoke_agent span around each run, a feedback score now and then,
 * and a heartbeat with host resources every {@link #HEARTBEAT_MS} (with the OpenTelemetry resource
 * attribute host.name, so agents sharing a host show together in the Hosts view).
 */
final class SimulatedAgent {
    static final long HEARTBEAT_MS = 15_000;
    private static final String[] TOOLS = {"search_web", "query_database", "read_file", "send_email", "call_api"};
    private static final String[] ERRORS = {"rate_limit_exceeded", "timeout", "server_error", "context_length_exceeded"};

    private final String id;
    private final String host;
    private final String environment;
    /** The owning team, sent as the attribute {@code team} (a custom slicing dimension of the all-in-one). */
    private final String team;
    private final ModelProfile primary;
    private final ModelProfile secondary;
    private final Random random;
    private long nextHeartbeat = Long.MIN_VALUE;
    private long sequence;
    /** Share of this agent's steps that are runs (invoke_agent spans): orchestrators run more (they invoke others). */
    private double runShare = 0.05;

    SimulatedAgent(String id, String host, String environment, String team, ModelProfile primary, ModelProfile secondary,
                   long seed) {
        this.id = id;
        this.host = host;
        this.environment = environment;
        this.team = team;
        this.primary = primary;
        this.secondary = secondary;
        this.random = new Random(seed);
    }

    /** One step of the agent at {@code at}: one event, sometimes two (a run span and a feedback score). */
    List<AgentEvent> step(Instant at) {
        ModelProfile model = random.nextDouble() < 0.8 ? primary : secondary;
        double pick = random.nextDouble();
        List<AgentEvent> out = new ArrayList<>(2);
        if (pick >= 1 - runShare) {
            pick = 0.95; // a run
        }
        if (pick < 0.60) {
            out.add(llmCall(at, model, "chat", 1.0));
        } else if (pick < 0.80) {
            out.add(toolCall(at));
        } else if (pick < 0.88) {
            out.add(llmCall(at, model, "embeddings", 0.12));
        } else if (pick < 0.95) {
            out.add(base(at, "retrieval", null, null).setLatencyMs(logNormal(90, 0.6)).build());
        } else {
            AgentEvent run = base(at, "invoke_agent", model.model(), model.provider())
                    .setLatencyMs(logNormal(model.latencyMedianMs() * 4, 0.5)).build();
            out.add(run);
            if (random.nextDouble() < 0.3) {
                // the score names the run it rates by its trace and span (docs/CONTRACTS.md, feedback)
                out.add(base(at.plusMillis(1), null, null, null).setKind(EventKind.FEEDBACK)
                        .setFeedbackScore(random.nextDouble() < 0.85 ? 0.6 + 0.4 * random.nextDouble() : 0.3 * random.nextDouble())
                        .setTraceId(run.getTraceId()).setSpanId(run.getSpanId()).build());
            }
        }
        return out;
    }

    /**
     * This agent's run when another agent's span {@code parent} invokes it (the call graph): an invoke_agent
     * span in the parent's trace, child of the parent span, starting a little after it and lasting part of it.
     */
    AgentEvent invokedBy(AgentEvent parent) {
        double parentMs = parent.getLatencyMs() == null ? 1000 : parent.getLatencyMs();
        AgentEvent.Builder b = base(parent.getEventTime().plusMillis(1 + random.nextInt(50)), "invoke_agent", primary.model(),
                primary.provider()).setTraceId(parent.getTraceId()).setParentSpanId(parent.getSpanId())
                .setLatencyMs(parentMs * (0.2 + 0.5 * random.nextDouble()));
        if (random.nextDouble() < 0.04) {
            b.setStatus(Status.ERROR).setErrorType("timeout");
        }
        return b.build();
    }

    /** Marks this agent as an orchestrator: a quarter of its steps are runs, each invoking its sub-agents. */
    void orchestrate() {
        runShare = 0.25;
    }

    String id() {
        return id;
    }

    /** A heartbeat when one is due at {@code now}, else nothing. */
    List<AgentEvent> heartbeatIfDue(Instant now) {
        long t = now.toEpochMilli();
        if (t < nextHeartbeat) {
            return List.of();
        }
        // Spread the first heartbeats over the period so the fleet does not beat in step.
        nextHeartbeat = (nextHeartbeat == Long.MIN_VALUE ? t + (long) (random.nextDouble() * HEARTBEAT_MS) : t + HEARTBEAT_MS);
        return List.of(base(now, null, null, null).setKind(EventKind.HEARTBEAT)
                .setHostCpu(Math.min(1.0, 0.15 + 0.5 * random.nextDouble()))
                .setHostMemoryBytes((long) ((300 + 400 * random.nextDouble()) * 1024 * 1024))
                .setAttributes(Map.of("demo", "true", "host.name", host)).build());
    }

    private AgentEvent llmCall(Instant at, ModelProfile m, String operation, double scale) {
        double latency = logNormal(m.latencyMedianMs() * scale, m.latencySigma());
        long input = Math.max(1, Math.round(logNormal(m.inputMedian(), 0.6)));
        long cached = random.nextDouble() < 0.4 ? Math.round(input * 0.5 * random.nextDouble()) : 0;
        boolean failed = random.nextDouble() < m.errorRate();
        AgentEvent.Builder b = base(at, operation, m.model(), m.provider()).setLatencyMs(latency).setInputTokens(input);
        if (!"embeddings".equals(operation)) {
            long output = failed ? 0 : Math.max(1, Math.round(logNormal(m.outputMedian(), 0.7)));
            long reasoning = m.model().startsWith("o") ? Math.round(output * 0.6) : 0;
            b.setTtftMs(latency * m.ttftFraction()).setOutputTokens(output).setCachedInputTokens(cached)
                    .setReasoningTokens(reasoning).setConversationId(id + "-conv-" + (sequence / 8));
        }
        if (failed) {
            b.setStatus(Status.ERROR).setErrorType(ERRORS[random.nextInt(ERRORS.length)]);
        }
        return b.build();
    }

    private AgentEvent toolCall(Instant at) {
        String tool = TOOLS[random.nextInt(TOOLS.length)];
        AgentEvent.Builder b = base(at, "execute_tool", null, null).setToolName(tool).setLatencyMs(logNormal(120, 0.8));
        if (random.nextDouble() < 0.02) {
            b.setStatus(Status.ERROR).setErrorType("tool_error");
        }
        return b.build();
    }

    private AgentEvent.Builder base(Instant at, String operation, String model, String provider) {
        sequence++;
        return AgentEvent.newBuilder()
                .setEventId(new UUID(random.nextLong(), random.nextLong()).toString())
                .setEventTime(at).setAgentId(id).setEnvironment(environment).setKind(EventKind.SPAN)
                .setOperation(operation).setModel(model).setProvider(provider).setStatus(Status.OK)
                .setTraceId(Long.toHexString(random.nextLong())).setSpanId(Long.toHexString(random.nextLong()))
                .setAttributes(Map.of("demo", "true", "team", team));
    }

    private double logNormal(double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }
}
