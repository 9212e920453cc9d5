package io.agentpulse.processor.topology;

import static io.agentpulse.processor.topology.Harness.T0;
import static io.agentpulse.processor.topology.Harness.event;
import static io.agentpulse.processor.topology.PulseTopologyTest.header;
import static io.agentpulse.processor.topology.PulseTopologyTest.latest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.EventKind;
import io.agentpulse.avro.WindowRollup;
import io.agentpulse.contract.Granularity;
import io.agentpulse.contract.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * FEEDBACK events in the windows: counted (count, sum, 10-bucket histogram) in every granularity and
 * grouping, never as calls; a late score corrects its closed windows; a score out of [0, 1] is refused.
 */
class FeedbackTest {
    private static final long MIN = 60_000L;
    private static final String ALL_SIX = "1m,5m,1h,1d,1w,4w";
    private static final List<String> GRPS = List.of("series", "agent", "model", "operation", "all");

    /** A score from agent-1 for one of its calls (no model or operation, as agents send them). */
    static AgentEvent score(String id, long offsetMs, double score) {
        return AgentEvent.newBuilder().setEventId(id).setEventTime(java.time.Instant.ofEpochMilli(T0 + offsetMs))
                .setAgentId("agent-1").setKind(EventKind.FEEDBACK).setFeedbackScore(score)
                .setTraceId("trace-" + id).setParentSpanId("span-" + id).build();
    }

    /** The key of the window holding T0 + offset in granularity g and group grp, as the topology builds it. */
    private static String key(String g, String grp, long offsetMs) {
        long size = Granularity.ofLabel(g).millis();
        long start = Granularity.ofLabel(g).windowStart(T0 + offsetMs);
        assertThat(size).isPositive();
        String agent = grp.equals("series") || grp.equals("agent") ? "agent-1" : "*";
        String model = grp.equals("series") || grp.equals("model") ? WindowKey.NONE : "*";
        String op = grp.equals("series") || grp.equals("operation") ? WindowKey.NONE : "*";
        return String.join("|", g, grp, agent, model, op, Long.toString(start));
    }

    @Test
    void scoresAreCountedInEveryGranularityAndGroupAndNeverAsCalls() {
        try (Harness h = new Harness(Map.of("AGENTPULSE_PROCESSOR_GRANULARITIES", ALL_SIX))) {
            h.send(event("call-1", 1_000).build());
            h.send(event("call-2", 2_000).build());
            h.send(score("s1", 3_000, 0.95));
            h.send(score("s2", 4_000, 0.05));
            h.send(score("s3", 5_000, 1.0));
            h.send(score("s4", 6_000, 0.5));
            h.tick();
            Map<String, WindowRollup> live = latest(h.drainRollups());
            WindowRollup all = live.get(PulseTopologyTest.allKey(0));
            assertThat(all.getCount()).as("scores are not calls").isEqualTo(2);
            assertThat(all.getErrors()).isZero();
            assertThat(all.getInputTokens()).isEqualTo(20);
            assertThat(all.getFeedbackCount()).isEqualTo(4);
            assertThat(all.getFeedbackSum()).isCloseTo(2.5, within(1e-9));
            assertThat(all.getFeedbackHistogram()).containsExactly(1L, 0L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 2L);
            WindowRollup calls = live.get("1m|series|agent-1|gpt-4o|chat|" + T0);
            assertThat(calls.getFeedbackCount()).as("the calls' series holds no score").isZero();
            assertThat(calls.getFeedbackHistogram()).isNull();

            h.quietFor(Duration.ofMillis(Granularity.ofLabel("4w").windowStart(T0) + 28 * 86_400_000L + 2 * MIN - T0));
            Map<String, WindowRollup> closed = latest(h.drainRollups());
            for (String g : ALL_SIX.split(",")) {
                for (String grp : GRPS) {
                    WindowRollup w = closed.getOrDefault(key(g, grp, 0), live.get(key(g, grp, 0)));
                    assertThat(w).as(g + " " + grp).isNotNull();
                    assertThat(w.getIsFinal()).as(g + " " + grp).isTrue();
                    assertThat(w.getFeedbackCount()).as(g + " " + grp).isEqualTo(4);
                    assertThat(w.getFeedbackSum()).as(g + " " + grp).isCloseTo(2.5, within(1e-9));
                    assertThat(w.getFeedbackHistogram()).as(g + " " + grp).containsExactly(1L, 0L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 2L);
                    assertThat(w.getCount()).as(g + " " + grp + ": the scores' own series has no call").isEqualTo(grp.equals("all")
                            || grp.equals("agent") ? 2 : 0);
                }
            }
        }
    }

    @Test
    void aLateScoreCorrectsItsClosedWindowsInEveryGranularity() {
        try (Harness h = new Harness(Map.of("AGENTPULSE_PROCESSOR_GRANULARITIES", ALL_SIX))) {
            for (long t = 0; t < 20 * MIN; t += 1_000) { // steady calls: stream time moves, minutes and 5m windows close
                h.send(event("steady-" + t, t).build());
                h.tick();
            }
            h.send(score("early", 2 * MIN + 10_000, 0.8));
            h.tick();
            Map<String, WindowRollup> r = latest(h.drainRollups());
            WindowRollup minute = r.get("1m|all|*|*|*|" + (T0 + 2 * MIN));
            assertThat(minute.getIsFinal()).as("the closed minute is published again, final").isTrue();
            assertThat(minute.getCount()).as("its calls unchanged").isEqualTo(60);
            assertThat(minute.getFeedbackCount()).isEqualTo(1);
            assertThat(r.get("5m|all|*|*|*|" + T0).getFeedbackCount()).as("the closed 5m window too").isEqualTo(1);
            assertThat(r.get("5m|all|*|*|*|" + T0).getCount()).isEqualTo(300);
            assertThat(h.counter("agentpulse.processor.events.corrections")).isEqualTo(1.0);

            h.quietFor(Duration.ofMillis(Granularity.ofLabel("4w").windowStart(T0) + 28 * 86_400_000L + 2 * MIN - T0));
            Map<String, WindowRollup> closed = latest(h.drainRollups());
            for (String g : List.of("1h", "1d", "1w", "4w")) {
                WindowRollup w = closed.get(key(g, "all", 0));
                assertThat(w.getCount()).as(g).isEqualTo(20 * 60);
                assertThat(w.getFeedbackCount()).as(g).isEqualTo(1);
                assertThat(w.getFeedbackHistogram()).as(g).containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 0L);
            }
        }
    }

    @Test
    void aScoreOutsideZeroToOneGoesToTheDlqAndAFeedbackWithoutScoreIsStoredRawOnly() {
        try (Harness h = new Harness()) {
            h.send(score("high", 1_000, 1.5));
            h.send(score("nan", 1_000, Double.NaN));
            h.send(AgentEvent.newBuilder(score("none", 1_000, 0.5)).setFeedbackScore(null).build());
            h.tick();
            assertThat(h.dlq.readRecordsToList()).extracting(d -> header(d, Topics.DLQ_REASON))
                    .containsExactly("invalid:feedback_score", "invalid:feedback_score");
            assertThat(h.enriched.readRecordsToList()).extracting(e -> e.value().getEventId()).containsExactly("none");
            assertThat(h.drainRollups()).allSatisfy(w -> assertThat(w.value().getFeedbackCount()).isZero());
        }
    }
}
