package io.agentpulse.processor.topology;

import static io.agentpulse.processor.topology.Harness.T0;
import static io.agentpulse.processor.topology.Harness.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.WindowRollup;
import io.agentpulse.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class PulseTopologyTest {

    /** The latest snapshot per rollup key. */
    static Map<String, WindowRollup> latest(List<TestRecord<String, WindowRollup>> records) {
        Map<String, WindowRollup> m = new LinkedHashMap<>();
        records.forEach(r -> m.put(r.key(), r.value()));
        return m;
    }

    static String allKey(long windowOffsetMs) {
        return "1m|all|*|*|*|" + (T0 + windowOffsetMs);
    }

    @Test
    void anEventIsWindowedByItsCompletionAndTheBoundaryIsExclusiveAtSixtySeconds() {
        try (Harness h = new Harness()) {
            h.send(event("a", 59_899).build()); // + 100 ms latency: completes at 59.999 s
            h.send(event("b", 59_900).build()); // completes at 60.000 s: the next window
            h.tick();
            Map<String, WindowRollup> r = latest(h.drainRollups());
            assertThat(r.get(allKey(0)).getCount()).isEqualTo(1);
            assertThat(r.get(allKey(60_000)).getCount()).isEqualTo(1);
            assertThat(r.get(allKey(0)).getWindowEnd().toEpochMilli()).isEqualTo(T0 + 60_000);
            assertThat(h.enriched.readValuesToList()).extracting(e -> e.getEventTime().toEpochMilli())
                    .as("event_time keeps its meaning (the start) on the raw event").containsExactly(T0 + 59_899, T0 + 59_900);
        }
    }

    @Test
    void finalSnapshotIsEmittedOnceWhenStreamTimePassesEndPlusGrace() {
        try (Harness h = new Harness()) {
            h.send(event("a", 1_000).build());
            h.tick();
            assertThat(h.drainRollups()).hasSize(5).allMatch(r -> !r.value().getIsFinal());
            h.tick();
            assertThat(h.drainRollups()).as("nothing changed, nothing emitted").isEmpty();
            h.send(event("b", 2_000).build());
            h.tick();
            assertThat(latest(h.drainRollups()).get(allKey(0)).getCount()).isEqualTo(2);
            h.send(event("c", 89_900).build()); // completes at 90 s: stream time = end + grace of window 0
            h.tick();
            List<TestRecord<String, WindowRollup>> out = h.drainRollups();
            var finals = out.stream().filter(r -> r.value().getIsFinal()).toList();
            assertThat(finals).hasSize(5).allMatch(r -> r.value().getWindowStart().toEpochMilli() == T0);
            assertThat(latest(finals).get(allKey(0)).getCount()).isEqualTo(2);
            h.tick();
            h.tick();
            assertThat(h.drainRollups()).noneMatch(r -> r.value().getIsFinal());
        }
    }

    @Test
    void whenTrafficStopsWindowsCloseByWallClockAfterTwiceTheGrace() {
        try (Harness h = new Harness()) {
            h.send(event("a", 1_000).build()); // wall clock = T0, window [T0, T0+60 s)
            int finals = 0;
            for (int s = 1; s <= 150; s++) {
                h.tick();
                long n = h.drainRollups().stream().filter(r -> r.value().getIsFinal()).count();
                if (n > 0) {
                    assertThat(s).as("closes at end + 2 x grace = 120 s of wall time").isBetween(119, 121);
                }
                finals += (int) n;
            }
            assertThat(finals).isEqualTo(5);
        }
    }

    @Test
    void liveSnapshotsAreCumulativeEverySecond() {
        try (Harness h = new Harness()) {
            for (int s = 0; s < 3; s++) {
                h.send(event("e" + s, s * 1_000L).build());
                h.tick();
                assertThat(latest(h.drainRollups()).get(allKey(0)).getCount()).isEqualTo(s + 1);
            }
        }
    }

    @Test
    void seriesGoOutEveryTenSecondsGroupsEverySecondAndAClosingSeriesAtOnce() {
        try (Harness h = new Harness(Map.of("AGENTPULSE_PROCESSOR_SERIES_EMIT_INTERVAL", "PT10S"))) {
            String series = "1m|series|agent-1|gpt-4o|chat|" + T0;
            h.send(event("a", 1_000).build());
            h.tick();
            assertThat(latest(h.drainRollups())).containsKey(series).containsKey(allKey(0));
            h.send(event("b", 2_000).build());
            h.tick();
            Map<String, WindowRollup> r = latest(h.drainRollups());
            assertThat(r.get(allKey(0)).getCount()).isEqualTo(2);
            assertThat(r).as("the series waits for its cadence").doesNotContainKey(series);
            for (int s = 0; s < 9; s++) {
                h.tick();
                r.putAll(latest(h.drainRollups()));
            }
            assertThat(r.get(series).getCount()).isEqualTo(2);
            h.send(event("c", 3_000).build());
            h.send(event("closer", 89_900).build());
            h.tick();
            r = latest(h.drainRollups());
            assertThat(r.get(series).getCount()).as("a closing window goes out whatever the cadence").isEqualTo(3);
            assertThat(r.get(series).getIsFinal()).isTrue();
        }
    }

    @Test
    void futureEventsBeyondTheBoundAreRejected() {
        try (Harness h = new Harness()) {
            h.send(event("ok", 5 * 60_000 - 100).build()); // completes exactly the bound ahead of the wall clock
            h.send(event("future", 5 * 60_000 - 99).build());
            var dlq = h.dlq.readRecordsToList();
            assertThat(dlq).hasSize(1);
            assertThat(header(dlq.get(0), Topics.DLQ_REASON)).isEqualTo("future");
            assertThat(h.enriched.readValuesToList()).extracting(e -> e.getEventId()).containsExactly("ok");
        }
    }

    @Test
    void duplicatesWithinTheHorizonAreDroppedAndCountedNotDlqd() {
        try (Harness h = new Harness(Map.of("AGENTPULSE_PROCESSOR_DEDUP_STORE", "rocksdb"))) {
            h.send(event("x", 1_000).build());
            h.send(event("x", 1_000).build());
            h.tick();
            assertThat(latest(h.drainRollups()).get(allKey(0)).getCount()).isEqualTo(1);
            assertThat(h.dlq.isEmpty()).isTrue();
            assertThat(h.enriched.readValuesToList()).hasSize(1);
            assertThat(h.counter("agentpulse.processor.events.duplicates")).isEqualTo(1.0);
        }
    }

    @Test
    void aDuplicateBeyondTheHorizonIsTooOldSoNothingIsEverCountedTwice() {
        // the horizon is at least the lateness bound (config): an id forgotten is an event too old to count
        try (Harness h = new Harness(Map.of("AGENTPULSE_PROCESSOR_DEDUP_HORIZON", "PT1M", "AGENTPULSE_PROCESSOR_LATENESS", "PT1M",
                "AGENTPULSE_PROCESSOR_DEDUP_STORE", "rocksdb"))) {
            h.tick(java.time.Duration.ofMinutes(2));
            h.send(event("x", 10_000).build());
            h.send(event("advance", 75_000).build()); // 65 s later: x is past the horizon and the bound
            h.send(event("x", 10_000).build());
            h.tick();
            assertThat(latest(h.drainRollups()).get(allKey(0)).getCount()).isEqualTo(1);
            assertThat(h.dlq.readRecordsToList()).extracting(r -> header(r, Topics.DLQ_REASON)).containsExactly("too-old");
        }
    }

    @Test
    void badRecordsGoToDlqWithReasonAndRawBytesWhileLaterEventsCount() {
        try (Harness h = new Harness()) {
            byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
            h.sendRaw(garbage);
            h.sendRaw(new byte[] {0, 0, 0, 0, 99, 1, 2}); // wire format, unknown schema id
            h.send(event("neg", 1_000).setLatencyMs(-1.0).build());
            h.send(event("good", 2_000).build());
            h.tick();
            var dlq = h.dlq.readRecordsToList();
            assertThat(dlq).extracting(r -> header(r, Topics.DLQ_REASON))
                    .containsExactly("not-avro", "unknown-schema-id", "invalid:latency_ms");
            assertThat(dlq.get(0).value()).isEqualTo(garbage);
            assertThat(header(dlq.get(0), Topics.DLQ_SOURCE_TOPIC)).isEqualTo(Topics.EVENTS);
            assertThat(header(dlq.get(0), Topics.DLQ_SOURCE_OFFSET)).isEqualTo("0");
            assertThat(latest(h.drainRollups()).get(allKey(0)).getCount()).isEqualTo(1);
            assertThat(h.counter("agentpulse.processor.events.dlq", "reason", "invalid:latency_ms")).isEqualTo(1.0);
            assertThat(h.counter("agentpulse.processor.events.accepted")).isEqualTo(1.0);
        }
    }

    @Test
    void hourAndDayGranularitiesWorkWhenEnabledAndGoOutOnceWhenTheyClose() {
        try (Harness h = new Harness(Map.of("AGENTPULSE_PROCESSOR_GRANULARITIES", "1m,1h,1d"))) {
            h.send(event("a", 1_000).build());
            h.send(event("b", 61_000).build());
            h.tick();
            assertThat(latest(h.drainRollups())).as("the two live minutes, five groups each").hasSize(2 * 5);
            h.send(event("closer", 150_000).build()); // stream time past both minutes' end + grace
            h.tick();
            assertThat(latest(h.drainRollups())).as("minutes only: an hour is published when it closes")
                    .allSatisfy((k, v) -> assertThat(v.getGranularity()).isEqualTo("1m"));
            h.quietFor(Duration.ofDays(1).plusMinutes(5));
            List<TestRecord<String, WindowRollup>> out = h.drainRollups();
            assertThat(out).filteredOn(r -> r.key().equals("1h|all|*|*|*|" + T0)).as("once, as final").hasSize(1);
            Map<String, WindowRollup> r = latest(out);
            assertThat(r.get("1h|all|*|*|*|" + T0).getCount()).isEqualTo(3);
            assertThat(r.get("1h|all|*|*|*|" + T0).getIsFinal()).isTrue();
            assertThat(r.get("1d|all|*|*|*|" + T0).getCount()).isEqualTo(3);
            assertThat(r.get("1h|series|agent-1|gpt-4o|chat|" + T0).getWindowEnd().toEpochMilli()).isEqualTo(T0 + 3_600_000);
            assertThat(r.keySet()).filteredOn(k -> !k.startsWith("1m")).hasSize(2 * 5);
        }
    }

    @Test
    void everyGranularityAtOnceWeeksAndFourWeeksAlignedOnTheEpoch() {
        try (Harness h = new Harness(Map.of("AGENTPULSE_PROCESSOR_GRANULARITIES", "1m,5m,1h,1d,1w,4w"))) {
            h.tick(java.time.Duration.ofMinutes(6)); // wall clock past both events, so neither is "future"
            h.send(event("a", 1_000).build());
            h.send(event("b", 301_000).build()); // the next 5-minute window, the same hour
            h.tick();
            long week = Math.floorDiv(T0, 7 * 86_400_000L) * 7 * 86_400_000L;
            long fourWeeks = Math.floorDiv(T0, 28 * 86_400_000L) * 28 * 86_400_000L;
            // quiet until the four weeks holding T0 are over: each level closes and carries into the next
            h.quietFor(Duration.ofMillis(fourWeeks + 28 * 86_400_000L + 120_000 - T0));
            Map<String, WindowRollup> r = latest(h.drainRollups());
            assertThat(r.get("5m|all|*|*|*|" + T0).getCount()).isEqualTo(1);
            assertThat(r.get("5m|all|*|*|*|" + (T0 + 300_000)).getCount()).isEqualTo(1);
            assertThat(r.get("1w|all|*|*|*|" + week).getCount()).isEqualTo(2);
            assertThat(r.get("4w|agent|agent-1|*|*|" + fourWeeks).getCount()).isEqualTo(2);
            assertThat(r.get("4w|agent|agent-1|*|*|" + fourWeeks).getWindowEnd().toEpochMilli())
                    .isEqualTo(fourWeeks + 28 * 86_400_000L);
            assertThat(java.time.Instant.ofEpochMilli(week).atOffset(java.time.ZoneOffset.UTC).getDayOfWeek())
                    .isEqualTo(java.time.DayOfWeek.THURSDAY);
            assertThat(r.get("5m|all|*|*|*|" + T0).getIsFinal()).as("its minutes all closed").isTrue();
            assertThat(r.values()).allSatisfy(w -> assertThat(w.getIsFinal()).isTrue());
            assertThat(r.get("1h|all|*|*|*|" + T0).getCount()).isEqualTo(2);
            // 1m: 2 windows, 5m: 2, 1h, 1d, 1w, 4w: 1 each; five groups each.
            assertThat(r).hasSize(8 * 5);
        }
    }

    @Test
    void dimensionsContainingTheKeySeparatorNeverShareAWindow() {
        // Unescaped, both series would read "1m|series|a|b|c|chat|T0": one window, counted twice.
        try (Harness h = new Harness()) {
            h.send(event("x", 1_000).setAgentId("a|b").setModel("c|chat").setOperation("op").build());
            h.send(event("y", 2_000).setAgentId("a").setModel("b|c").setOperation("chat|op").build());
            h.send(event("z", 3_000).setAgentId("50%").setModel("m").build());
            h.tick();
            Map<String, WindowRollup> r = latest(h.drainRollups());
            java.util.List<WindowRollup> series = r.values().stream().filter(w -> w.getGrp().equals("series")).toList();
            assertThat(series).hasSize(3).allSatisfy(w -> assertThat(w.getCount()).isEqualTo(1));
            assertThat(series).extracting(WindowRollup::getAgentId).containsExactlyInAnyOrder("a|b", "a", "50%");
            assertThat(r).containsKey("1m|series|a%7Cb|c%7Cchat|op|" + T0).containsKey("1m|agent|50%25|*|*|" + T0);
            assertThat(r.get(allKey(0)).getCount()).isEqualTo(3);
        }
    }

    @Test
    void dimensionsBeyondTheCardinalityLimitFoldIntoOther() {
        try (Harness h = new Harness(Map.of("AGENTPULSE_PROCESSOR_MAX_MODELS", "2"))) {
            h.send(event("a", 1_000).setModel("m1").build());
            h.send(event("b", 1_000).setModel("m2").build());
            h.send(event("c", 1_000).setModel("m3").build());
            h.send(event("d", 1_000).setModel("m4").build());
            h.tick();
            Map<String, WindowRollup> r = latest(h.drainRollups());
            assertThat(r.get("1m|model|*|_other|*|" + T0).getCount()).isEqualTo(2);
            assertThat(r.get("1m|model|*|m1|*|" + T0).getCount()).isEqualTo(1);
            assertThat(r.get(allKey(0)).getCount()).isEqualTo(4);
            assertThat(h.counter("agentpulse.processor.cardinality.folded", "dimension", "model")).isEqualTo(2.0);
            assertThat(h.enriched.readValuesToList()).extracting(e -> e.getModel()).contains("m3", "m4");
        }
    }

    static String header(TestRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
