package io.agentpulse.allinone.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.EventKind;
import io.agentpulse.avro.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoFleetTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private static List<AgentEvent> run(DemoFleet fleet, int seconds) {
        List<AgentEvent> all = new ArrayList<>();
        for (int ms = 200; ms <= seconds * 1000; ms += 200) {
            all.addAll(fleet.tick(T0.plusMillis(ms)));
        }
        return all;
    }

    @Test
    void everyDemoEventBecomesTheSameClientEvent() {
        List<AgentEvent> events = run(new DemoFleet(20, 2.0, 3, T0), 60);
        assertThat(events).extracting(e -> e.getKind()).contains(EventKind.SPAN, EventKind.FEEDBACK, EventKind.HEARTBEAT);
        for (AgentEvent e : events) {
            io.agentpulse.client.PulseEvent c = ClientEvents.from(e);
            for (org.apache.avro.Schema.Field f : e.getSchema().getFields()) {
                Object avro = e.get(f.pos());
                Object client = c.get(f.name());
                assertThat(client == null ? null : client.toString()).as(f.name()).isEqualTo(avro == null ? null : avro.toString());
            }
        }
    }

    @Test
    void fleetProducesTheConfiguredRateFromEveryAgent() {
        List<AgentEvent> events = run(new DemoFleet(50, 2.0, 42, T0), 60);
        List<AgentEvent> spans = events.stream().filter(e -> e.getKind() == EventKind.SPAN && e.getParentSpanId() == null).toList();
        // 50 agents x 2 events/s x 60 s = 6,000 steps; a step is one span (5% add a feedback event).
        assertThat((double) spans.size()).isCloseTo(6000, within(300.0));
        assertThat(spans.stream().map(AgentEvent::getAgentId).collect(Collectors.toSet())).hasSize(50);
        assertThat(events.stream().filter(e -> e.getKind() == EventKind.HEARTBEAT).count()).isBetween(150L, 250L);
    }

    @Test
    void orchestratorsInvokeSubAgentsInTheirTraceAsChildSpans() {
        List<AgentEvent> spans = run(new DemoFleet(30, 2.0, 7, T0), 60).stream().filter(e -> e.getKind() == EventKind.SPAN).toList();
        java.util.Map<String, AgentEvent> bySpan = new java.util.HashMap<>();
        spans.forEach(e -> bySpan.put(e.getTraceId() + "/" + e.getSpanId(), e));
        Set<String> edges = new java.util.TreeSet<>();
        for (AgentEvent c : spans) {
            if (c.getParentSpanId() != null) {
                AgentEvent p = bySpan.get(c.getTraceId() + "/" + c.getParentSpanId());
                assertThat(p).as("the parent of a child span is in the fleet's events").isNotNull();
                assertThat(p.getAgentId()).isNotEqualTo(c.getAgentId());
                assertThat(c.getOperation()).isEqualTo("invoke_agent");
                assertThat(c.getLatencyMs()).isLessThan(p.getLatencyMs());
                edges.add(p.getAgentId() + ">" + c.getAgentId());
            }
        }
        assertThat(edges).contains("triage-agent-01>support-bot-01", "research-agent-01>data-analyst-01", "support-bot-01>sql-copilot-01");
    }

    @Test
    void heartbeatsNameTheirHostAndAgentsShareHosts() {
        List<AgentEvent> beats = run(new DemoFleet(12, 1.0, 5, T0), 60).stream()
                .filter(e -> e.getKind() == EventKind.HEARTBEAT).toList();
        assertThat(beats).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getAttributes()).containsKey("host.name");
            assertThat(e.getHostCpu()).isBetween(0.0, 1.0);
        });
        assertThat(beats.stream().map(e -> e.getAttributes().get("host.name")).collect(Collectors.toSet())).hasSize(4);
    }

    @Test
    void spansCarryTheSlicingDimensionsTheAllInOneSlicesBy() {
        List<AgentEvent> spans = run(new DemoFleet(10, 1.0, 9, T0), 60).stream()
                .filter(e -> e.getKind() == EventKind.SPAN).toList();
        // environment (a built-in field) and team (an attribute, the all-in-one's custom dimension), each with several values
        assertThat(spans.stream().map(e -> String.valueOf(e.getEnvironment())).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("production", "staging");
        assertThat(spans.stream().map(e -> String.valueOf(e.getAttributes().get("team"))).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(DemoFleet.TEAMS);
    }

    @Test
    void eventsAreValidAndRealistic() {
        List<AgentEvent> spans = run(new DemoFleet(20, 5.0, 7, T0), 60).stream()
                .filter(e -> e.getKind() == EventKind.SPAN).toList();
        assertThat(spans).allSatisfy(e -> {
            assertThat(e.getLatencyMs()).isNotNull().isPositive();
            assertThat(e.getEventTime()).isBetween(T0, T0.plusSeconds(60));
            if (e.getInputTokens() != null && e.getCachedInputTokens() != null) {
                assertThat(e.getCachedInputTokens()).isLessThanOrEqualTo(e.getInputTokens());
            }
        });
        double errorRate = spans.stream().filter(e -> e.getStatus() == Status.ERROR).count() / (double) spans.size();
        assertThat(errorRate).isBetween(0.002, 0.03);
        Set<String> ops = spans.stream().map(AgentEvent::getOperation).collect(Collectors.toSet());
        assertThat(ops).contains("chat", "execute_tool", "embeddings", "retrieval", "invoke_agent");
        assertThat(spans.stream().map(AgentEvent::getModel).filter(m -> m != null).collect(Collectors.toSet())).hasSizeGreaterThan(3);
        assertThat(spans.stream().map(AgentEvent::getEventId).distinct().count()).isEqualTo(spans.size());
    }

    @Test
    void sameSeedSameEvents() {
        List<AgentEvent> a = run(new DemoFleet(5, 3.0, 1, T0), 5);
        List<AgentEvent> b = run(new DemoFleet(5, 3.0, 1, T0), 5);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void noTimeNoEvents() {
        DemoFleet fleet = new DemoFleet(5, 3.0, 1, T0);
        assertThat(fleet.tick(T0)).isEmpty();
        assertThat(fleet.tick(T0.minusSeconds(1))).isEmpty();
    }
}
