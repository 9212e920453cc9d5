package io.agentpulse.processor.topology;

import static io.agentpulse.processor.topology.Harness.T0;
import static io.agentpulse.processor.topology.Harness.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.Status;
import io.agentpulse.avro.WindowRollup;
import io.agentpulse.contract.sketch.SketchCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class AggregationTest {

    @Test
    void costComesFromTheEventWhenPresentElseFromTheCatalog() {
        try (Harness h = new Harness()) {
            h.send(event("priced", 1_000).setCostUsd(0.5).build());
            // gpt-4o: 2.50 input, 1.25 cached input, 10.00 output (reasoning at output price), USD per 1M tokens
            h.send(event("catalog", 2_000).setCostUsd(null).setModel("gpt-4o-2024-08-06")
                    .setInputTokens(1_000L).setCachedInputTokens(200L).setOutputTokens(500L).setReasoningTokens(100L).build());
            h.send(event("unknown", 3_000).setCostUsd(null).setModel("my-own-llm").build());
            var out = h.enriched.readRecordsToList();
            assertThat(out.get(0).value().getCostUsd()).isEqualTo(0.5);
            assertThat(costSource(out.get(0))).isEqualTo("event");
            double expected = (800 * 2.50 + 200 * 1.25 + 400 * 10.00 + 100 * 10.00) / 1e6; // = 0.00725
            assertThat(out.get(1).value().getCostUsd()).as("the agent's bytes, forwarded as they came").isNull();
            double priced = Double.parseDouble(header(out.get(1), PulseTopology.COST_USD_HEADER));
            assertThat(priced).isCloseTo(0.00725, within(1e-15)).isCloseTo(expected, within(1e-15));
            assertThat(costSource(out.get(1))).isEqualTo("catalog");
            assertThat(out.get(2).value().getCostUsd()).isNull();
            assertThat(costSource(out.get(2))).isNull();
            assertThat(header(out.get(2), PulseTopology.COST_USD_HEADER)).isNull();
            h.tick();
            WindowRollup all = PulseTopologyTest.latest(h.drainRollups()).get(PulseTopologyTest.allKey(0));
            assertThat(all.getCostUsd()).isCloseTo(0.50725, within(1e-12));
        }
    }

    @Test
    void groupingsSumConsistently() {
        try (Harness h = new Harness()) {
            Random rnd = new Random(7);
            String[] agents = {"a1", "a2", "a3"};
            String[] models = {"gpt-4o", "claude-sonnet-4", null};
            String[] ops = {"chat", "execute_tool", null};
            for (int i = 0; i < 500; i++) {
                AgentEvent.Builder b = event("e" + i, rnd.nextInt(59_900)).setAgentId(agents[rnd.nextInt(3)])
                        .setModel(models[rnd.nextInt(3)]).setOperation(ops[rnd.nextInt(3)])
                        .setStatus(rnd.nextInt(10) == 0 ? Status.ERROR : Status.OK)
                        .setInputTokens((long) rnd.nextInt(1000)).setOutputTokens((long) rnd.nextInt(300))
                        .setCostUsd(rnd.nextDouble() / 100);
                h.send(b.build());
            }
            h.tick();
            Map<String, WindowRollup> r = PulseTopologyTest.latest(h.drainRollups());
            WindowRollup all = r.get(PulseTopologyTest.allKey(0));
            assertThat(all.getCount()).isEqualTo(500);
            assertThat(r.get("1m|model|*|_none|*|" + T0)).isNotNull();
            assertThat(r.get("1m|operation|*|*|_none|" + T0)).isNotNull();
            for (String grp : new String[] {"series", "agent", "model", "operation"}) {
                Collection<WindowRollup> g = r.values().stream().filter(w -> w.getGrp().equals(grp)).toList();
                assertThat(sum(g, WindowRollup::getCount)).as(grp).isEqualTo(all.getCount());
                assertThat(sum(g, WindowRollup::getErrors)).as(grp).isEqualTo(all.getErrors());
                assertThat(sum(g, WindowRollup::getInputTokens)).as(grp).isEqualTo(all.getInputTokens());
                assertThat(sum(g, WindowRollup::getOutputTokens)).as(grp).isEqualTo(all.getOutputTokens());
                assertThat(sum(g, WindowRollup::getCostUsd)).as(grp).isCloseTo(all.getCostUsd(), within(1e-9));
                double sketchCount = g.stream().mapToDouble(w -> SketchCodec.decode(bytes(w)).getCount()).sum();
                assertThat(sketchCount).as(grp).isEqualTo((double) all.getCount());
            }
        }
    }

    @Test
    void percentilesAreWithinOnePercentOfExact() {
        try (Harness h = new Harness()) {
            Random rnd = new Random(42);
            int n = 5_000;
            double[] lat = new double[n];
            for (int i = 0; i < n; i++) {
                lat[i] = Math.exp(5 + rnd.nextGaussian()); // log-normal, median ~148 ms
                h.send(event("p" + i, i % 50_000).setLatencyMs(lat[i]).build()); // all complete within the minute
            }
            h.tick();
            WindowRollup all = PulseTopologyTest.latest(h.drainRollups()).get(PulseTopologyTest.allKey(0));
            Arrays.sort(lat);
            assertRelative(all.getP50Ms(), lat[(int) (0.50 * (n - 1))]);
            assertRelative(all.getP95Ms(), lat[(int) (0.95 * (n - 1))]);
            assertRelative(all.getP99Ms(), lat[(int) (0.99 * (n - 1))]);
        }
    }

    private static void assertRelative(double actual, double exact) {
        assertThat(Math.abs(actual - exact) / exact).as("relative error of %s vs %s", actual, exact).isLessThanOrEqualTo(0.01);
    }

    private static byte[] bytes(WindowRollup w) {
        var b = w.getLatencySketch().duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static double sum(Collection<WindowRollup> g, ToDoubleFunction<WindowRollup> f) {
        return g.stream().mapToDouble(f).sum();
    }

    private static String costSource(org.apache.kafka.streams.test.TestRecord<String, AgentEvent> r) {
        return header(r, PulseTopology.COST_SOURCE_HEADER);
    }

    private static String header(org.apache.kafka.streams.test.TestRecord<String, AgentEvent> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
