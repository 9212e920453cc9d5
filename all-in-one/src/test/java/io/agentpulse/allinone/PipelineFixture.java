package io.agentpulse.allinone;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Known events for the end-to-end test, and their exact expected totals. Event times are spread
 * over {@link #SPAN_MS} so no event can be late (the span is shorter than the default grace).
 */
final class PipelineFixture {
    static final long SPAN_MS = 10_000;
    static final String[] MODELS = {"gpt-4o", "gpt-4o-mini", "claude-sonnet-4", "gemini-2.5-flash"};
    static final String[] OPS = {"chat", "embeddings", "execute_tool"};
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<AgentEvent> events = new ArrayList<>();
    long errors;
    long inputTokens;
    long outputTokens;
    double cost;

    /** {@code n} events with ids {@code prefix-0..n-1}, event times in [t0, t0 + SPAN_MS). */
    PipelineFixture(String prefix, int n, Instant t0, long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            double latency = 700 * Math.exp(0.8 * r.nextGaussian());       // heavy-tailed, ms
            boolean failed = i % 37 == 0;
            long in = 100 + r.nextInt(3000);
            long out = failed ? 0 : 10 + r.nextInt(800);
            double c = Math.round((in * 2.5e-6 + out * 1.0e-5) * 1e9) / 1e9;
            AgentEvent e = AgentEvent.newBuilder()
                    .setEventId(prefix + "-" + i)
                    .setEventTime(t0.plusMillis(i * SPAN_MS / n))
                    .setAgentId("e2e-agent-" + (i % 20))
                    .setModel(MODELS[i % MODELS.length]).setProvider("test").setOperation(OPS[i % OPS.length])
                    .setLatencyMs(latency).setInputTokens(in).setOutputTokens(out).setCachedInputTokens(0L)
                    .setCostUsd(c).setStatus(failed ? Status.ERROR : Status.OK).setErrorType(failed ? "timeout" : null)
                    .setAttributes(Map.of("fixture", prefix))
                    .build();
            events.add(e);
            errors += failed ? 1 : 0;
            inputTokens += in;
            outputTokens += out;
            cost += c;
        }
    }

    /** The JSON body the gateway takes for events [from, to). */
    static String json(List<AgentEvent> batch) {
        ArrayNode arr = JSON.createArrayNode();
        for (AgentEvent e : batch) {
            ObjectNode o = arr.addObject();
            o.put("event_id", e.getEventId());
            o.put("event_time", e.getEventTime().toString());
            o.put("agent_id", e.getAgentId());
            o.put("model", e.getModel());
            o.put("provider", e.getProvider());
            o.put("operation", e.getOperation());
            o.put("latency_ms", e.getLatencyMs());
            o.put("input_tokens", e.getInputTokens());
            o.put("output_tokens", e.getOutputTokens());
            o.put("cached_input_tokens", e.getCachedInputTokens());
            o.put("cost_usd", e.getCostUsd());
            o.put("status", e.getStatus().name());
            if (e.getErrorType() != null) {
                o.put("error_type", e.getErrorType());
            }
            o.putObject("attributes").put("fixture", e.getAttributes().get("fixture"));
        }
        return arr.toString();
    }
}
