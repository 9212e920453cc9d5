package io.agentpulse.processor.topology;

import io.agentpulse.contract.Granularity;

import static io.agentpulse.processor.topology.Harness.T0;
import static io.agentpulse.processor.topology.Harness.event;
import static io.agentpulse.processor.topology.PulseTopologyTest.header;
import static io.agentpulse.processor.topology.PulseTopologyTest.latest;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.WindowRollup;
import io.agentpulse.contract.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Windows by completion time under steady traffic: slow steps count in the window of their end in
 * every granularity; an event up to the lateness bound late corrects its window and every coarser
 * one; beyond it, the DLQ (too-old); a replay changes nothing.
 */
class LatenessTest {
    private static final long MIN = 60_000L;
    private static final String ALL_SIX = "1m,5m,1h,1d,1w,4w";

    /** One event per second from agent-1, wall clock and stream time moving together, until {@code toMs}. */
    private static void steady(Harness h, Map<String, AgentEvent> sent, long fromMs, long toMs) {
        for (long t = fromMs; t < toMs; t += 1_000) {
            AgentEvent e = event("steady-" + t, t).build();
            h.send(e);
            sent.put(e.getEventId(), e);
            h.tick();
        }
    }

    private static long windowStart(long offsetMs, long sizeMs) {
        return Math.floorDiv(T0 + offsetMs, sizeMs) * sizeMs;
    }

    @Test
    void aTenMinuteRunAndAThreeMinuteCallCountInTheWindowOfTheirEndInEveryGranularity() {
        try (Harness h = new Harness(Map.of("AGENTPULSE_PROCESSOR_GRANULARITIES", ALL_SIX))) {
            Map<String, AgentEvent> sent = new LinkedHashMap<>();
            steady(h, sent, 0, 12 * MIN);
            // both arrive when they end, under steady traffic; by start time they would be 9 and 2 minutes late
            h.send(event("run", 2 * MIN + 500).setOperation("invoke_agent").setLatencyMs(600_000.0).build()); // ends 12:00.5
            h.send(event("call", 9 * MIN + 10_000).setLatencyMs(180_000.0).build());                          // ends 12:10.0
            steady(h, sent, 12 * MIN, 15 * MIN);
            closeEveryWindow(h);
            Map<String, WindowRollup> r = latest(h.drainRollups());
            assertThat(r.get("1m|operation|*|*|invoke_agent|" + (T0 + 12 * MIN)).getCount()).isEqualTo(1);
            assertThat(r.get("1m|operation|*|*|invoke_agent|" + (T0 + 12 * MIN)).getP50Ms()).isBetween(594_000.0, 606_000.0);
            assertThat(r.get("1m|all|*|*|*|" + (T0 + 12 * MIN)).getCount()).as("60 steady + run + call").isEqualTo(62);
            assertThat(r.get("1m|all|*|*|*|" + (T0 + 2 * MIN)).getCount()).as("nothing at the start").isEqualTo(60);
            assertThat(r.get("5m|operation|*|*|invoke_agent|" + (T0 + 10 * MIN)).getCount()).isEqualTo(1);
            for (String g : new String[] {"1h", "1d", "1w", "4w"}) {
                long size = g.equals("1h") ? 3_600_000L : g.equals("1d") ? 86_400_000L : g.equals("1w") ? 7 * 86_400_000L : 28 * 86_400_000L;
                assertThat(r.get(g + "|operation|*|*|invoke_agent|" + windowStart(0, size)).getCount()).as(g).isEqualTo(1);
                assertThat(r.get(g + "|all|*|*|*|" + windowStart(0, size)).getCount()).as(g).isEqualTo(15 * 60 + 2);
            }
            assertThat(h.dlq.readRecordsToList()).isEmpty();
        }
    }

    @Test
    void anEventFortyMinutesLateCorrectsItsWindowAndEveryCoarserOneAndBeyondTheBoundGoesToTheDlq() {
        try (Harness h = new Harness(Map.of("AGENTPULSE_PROCESSOR_GRANULARITIES", ALL_SIX))) {
            Map<String, AgentEvent> sent = new LinkedHashMap<>();
            steady(h, sent, 0, 50 * MIN);
            Map<String, WindowRollup> before = latest(h.drainRollups());
            String minute = "1m|all|*|*|*|" + (T0 + 10 * MIN);
            String fiveMinutes = "5m|all|*|*|*|" + (T0 + 10 * MIN);
            assertThat(before.get(minute).getIsFinal()).isTrue();
            assertThat(before.get(fiveMinutes).getIsFinal()).isTrue();

            h.send(event("late", 10 * MIN + 30_000).setModel("late-model").build()); // completes 40 minutes before stream time
            h.tick();
            Map<String, WindowRollup> after = latest(h.drainRollups());
            assertThat(after.get(minute).getCount()).isEqualTo(before.get(minute).getCount() + 1);
            assertThat(after.get(minute).getIsFinal()).isTrue();
            assertThat(after.get(fiveMinutes).getCount()).isEqualTo(before.get(fiveMinutes).getCount() + 1);
            assertThat(after.get("1m|model|*|late-model|*|" + (T0 + 10 * MIN)).getIsFinal()).isTrue();
            assertThat(after.keySet()).as("the hour is still open: it keeps the correction until it closes")
                    .noneMatch(k -> k.startsWith("1h"));
            assertThat(h.counter("agentpulse.processor.events.corrections")).isEqualTo(1.0);

            h.send(event("too-old", 50 * MIN - 61 * MIN).build()); // completes 1 h 1 min before stream time
            h.tick();
            assertThat(h.drainRollups()).isEmpty();
            var dlq = h.dlq.readRecordsToList();
            assertThat(dlq).extracting(d -> header(d, Topics.DLQ_REASON)).containsExactly("too-old");
            assertThat(h.counter("agentpulse.processor.events.dlq", "reason", "too-old")).isEqualTo(1.0);
            assertThat(h.counter("agentpulse.processor.events.too_old")).isEqualTo(1.0);

            closeEveryWindow(h);
            Map<String, WindowRollup> closed = latest(h.drainRollups());
            for (String g : new String[] {"1h", "1d", "1w", "4w"}) {
                long start = windowStart(0, Granularity(g));
                assertThat(closed.get(g + "|all|*|*|*|" + start).getCount()).as(g).isEqualTo(50 * 60 + 1);
                assertThat(closed.get(g + "|model|*|late-model|*|" + start).getCount()).as(g).isEqualTo(1);
            }
        }
    }

    /** Quiet until the four weeks holding T0 are over: every window of the run closes and is published. */
    private static void closeEveryWindow(Harness h) {
        long fourWeeks = 28 * 86_400_000L;
        h.quietFor(Duration.ofMillis(windowStart(0, fourWeeks) + fourWeeks + 2 * MIN - T0));
    }

    @Test
    void replayingTheEventsChangesNothing() {
        try (Harness h = new Harness(Map.of("AGENTPULSE_PROCESSOR_GRANULARITIES", ALL_SIX))) {
            Map<String, AgentEvent> sent = new LinkedHashMap<>();
            steady(h, sent, 0, 5 * MIN);
            h.send(event("late", 2 * MIN).build());
            steady(h, sent, 5 * MIN, 8 * MIN);
            Map<String, WindowRollup> first = latest(h.drainRollups());
            List<AgentEvent> again = new ArrayList<>(sent.values());
            again.add(event("late", 2 * MIN).build());
            again.forEach(h::send); // a client retrying everything, or the topic read again from the start
            h.tick(Duration.ofSeconds(5));
            Map<String, WindowRollup> replayed = latest(h.drainRollups());
            replayed.forEach((k, v) -> assertThat(v.getCount()).as(k).isEqualTo(first.get(k).getCount()));
            assertThat(h.counter("agentpulse.processor.events.accepted")).isEqualTo(sent.size() + 1.0);
        }
    }

    private static long Granularity(String label) {
        return io.agentpulse.contract.Granularity.ofLabel(label).millis();
    }
}
