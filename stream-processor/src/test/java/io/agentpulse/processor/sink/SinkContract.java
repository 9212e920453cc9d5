package io.agentpulse.processor.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.WindowRollup;
import io.agentpulse.contract.sketch.SketchCodec;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One contract for every RollupSink / EventSink pair; subclasses supply the pair and a reader. */
abstract class SinkContract {
    static final long START = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();

    /** What the contract checks of a stored rollup row. */
    record Row(long count, boolean isFinal, double costUsd, Double p99, long latencyCount) {}

    /** What the contract checks of a stored event row. */
    record EventRow(String agentId, Double costUsd, String costSource, Map<String, String> attributes) {}

    /** What the contract checks of a row's feedback: count, sum and the histogram (null without feedback). */
    record Feedback(long count, double sum, List<Long> histogram) {}

    abstract RollupSink rollups();

    /** The feedback of the series row a1/gpt-4o/chat at START of that granularity. */
    abstract Optional<Feedback> feedback(String granularity);

    abstract EventSink events();

    abstract Optional<Row> rollup(String granularity, String grp, String agent, String model, String op, long start);

    abstract Optional<EventRow> event(String eventId);

    /** The stored failed calls by error type of one rollup row (empty when none failed). */
    abstract Map<String, Long> errorTypes(String granularity, String grp, String agent, String model, String op, long start);

    /** The agent's row of agent_last_seen (first and last completion time, epoch ms). */
    abstract Optional<AgentTimes> seen(String agentId);

    /** First and last window start of a dimension value (dimension_values), epoch ms. */
    abstract Optional<AgentTimes> dimensionValue(String dimension, String value);

    static EnrichedEvent call(String id, String agent, long startMs, Double latencyMs) {
        return new EnrichedEvent(AgentEvent.newBuilder().setEventId(id).setEventTime(Instant.ofEpochMilli(startMs))
                .setAgentId(agent).setLatencyMs(latencyMs).build(), null);
    }

    static WindowRollup snapshot(String granularity, long count, boolean isFinal) {
        var sketch = SketchCodec.newSketch();
        for (int i = 0; i < count; i++) {
            sketch.accept(100 + i);
        }
        long size = "1m".equals(granularity) ? 60_000 : 3_600_000;
        return WindowRollup.newBuilder().setGranularity(granularity).setGrp("series").setAgentId("a1").setModel("gpt-4o")
                .setOperation("chat").setWindowStart(Instant.ofEpochMilli(START)).setWindowEnd(Instant.ofEpochMilli(START + size))
                .setIsFinal(isFinal).setCount(count).setErrors(0).setInputTokens(10 * count).setOutputTokens(count)
                .setCachedInputTokens(0).setReasoningTokens(0).setCostUsd(0.01 * count)
                .setLatencySketch(ByteBuffer.wrap(SketchCodec.encode(sketch))).setTtftSketch(null)
                .setP50Ms(100.0).setP95Ms(110.0).setP99Ms(count * 1.0).setUpdatedAt(Instant.ofEpochMilli(START + 1000 * count))
                .build();
    }

    private Row read1m() {
        return rollup("1m", "series", "a1", "gpt-4o", "chat", START).orElseThrow();
    }

    @Test
    void slicedRowsAreStoredUnderTheirGroupAndTheirValuesAreKept() {
        String grp = io.agentpulse.contract.Dimensions.slice("all", "environment", "pr|od");
        WindowRollup first = WindowRollup.newBuilder(snapshot("1m", 2, true)).setGrp(grp).setAgentId("*").setModel("*")
                .setOperation("*").build();
        WindowRollup later = WindowRollup.newBuilder(first).setWindowStart(Instant.ofEpochMilli(START + 60_000))
                .setWindowEnd(Instant.ofEpochMilli(START + 120_000)).build();
        rollups().upsert(List.of(later));
        rollups().upsert(List.of(first, later)); // replayed, and an earlier window after a later one
        assertThat(rollup("1m", "all@environment=pr%7Cod", "*", "*", "*", START).orElseThrow().count()).isEqualTo(2);
        assertThat(dimensionValue("environment", "pr|od")).contains(new AgentTimes(START, START + 60_000));
        assertThat(dimensionValue("environment", "other")).isEmpty();
    }

    @Test
    void everyGranularityLandsInItsOwnTable() {
        List<String> all = List.of("1m", "5m", "1h", "1d", "1w", "4w");
        List<WindowRollup> batch = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            batch.add(snapshot(all.get(i), i + 1, false));
        }
        rollups().upsert(batch);
        for (int i = 0; i < all.size(); i++) {
            assertThat(rollup(all.get(i), "series", "a1", "gpt-4o", "chat", START).orElseThrow().count()).isEqualTo(i + 1);
        }
    }

    @Test
    void errorTypesAreStoredAndFollowTheMostAdvancedSnapshot() {
        WindowRollup two = WindowRollup.newBuilder(snapshot("1h", 2, false)).setErrors(2)
                .setErrorTypes(Map.of("Timeout", 1L, "quote\"and\\slash", 1L)).build();
        WindowRollup three = WindowRollup.newBuilder(snapshot("1h", 3, true)).setErrors(3)
                .setErrorTypes(Map.of("Timeout", 2L, "quote\"and\\slash", 1L)).build();
        rollups().upsert(List.of(snapshot("1m", 1, false), two));
        assertThat(errorTypes("1m", "series", "a1", "gpt-4o", "chat", START)).as("no failed call: nothing stored").isEmpty();
        assertThat(errorTypes("1h", "series", "a1", "gpt-4o", "chat", START)).containsOnly(
                Map.entry("Timeout", 1L), Map.entry("quote\"and\\slash", 1L));
        rollups().upsert(List.of(three));
        rollups().upsert(List.of(two)); // a replayed older snapshot does not win
        assertThat(errorTypes("1h", "series", "a1", "gpt-4o", "chat", START)).containsOnly(
                Map.entry("Timeout", 2L), Map.entry("quote\"and\\slash", 1L));
    }

    @Test
    void rowsOnlyMoveForward() {
        rollups().upsert(List.of(snapshot("1m", 3, false)));
        assertThat(read1m()).isEqualTo(new Row(3, false, 0.03, 3.0, 3));
        rollups().upsert(List.of(snapshot("1m", 2, false)));
        assertThat(read1m().count()).as("a stale snapshot changes nothing").isEqualTo(3);
        rollups().upsert(List.of(snapshot("1m", 3, true)));
        assertThat(read1m().isFinal()).as("the final of the same count wins").isTrue();
        rollups().upsert(List.of(snapshot("1m", 3, false)));
        assertThat(read1m().isFinal()).as("a replayed live snapshot does not undo the final").isTrue();
        rollups().upsert(List.of(snapshot("1m", 5, false)));
        assertThat(read1m().count()).isEqualTo(5);
    }

    @Test
    void aClosedCoarseWindowTakesALateCorrectionAndKeepsItThroughReplays() {
        rollups().upsert(List.of(snapshot("1h", 3, true)));  // the hour's final
        rollups().upsert(List.of(snapshot("1h", 4, true)));  // stage 2 re-emits it with a lagging partition's events
        rollups().upsert(List.of(snapshot("1h", 3, true), snapshot("1h", 3, false)));  // a replay of the older ones
        Row hour = rollup("1h", "series", "a1", "gpt-4o", "chat", START).orElseThrow();
        assertThat(hour.count()).isEqualTo(4);
        assertThat(hour.isFinal()).isTrue();
        assertThat(hour.latencyCount()).isEqualTo(4);
    }

    @Test
    void aBatchKeepsTheMostAdvancedSnapshotPerRowAndReplaysChangeNothing() {
        List<WindowRollup> batch = List.of(snapshot("1m", 1, false), snapshot("1m", 4, false), snapshot("1m", 2, false),
                snapshot("1h", 7, false));
        rollups().upsert(batch);
        rollups().upsert(batch);
        assertThat(read1m().count()).isEqualTo(4);
        assertThat(rollup("1h", "series", "a1", "gpt-4o", "chat", START).orElseThrow().count()).isEqualTo(7);
        assertThat(rollup("1m", "series", "a1", "gpt-4o", "chat", START + 60_000)).isEmpty();
    }

    static WindowRollup scored(String granularity, long calls, boolean isFinal, double... scores) {
        Long[] hist = new Long[10];
        java.util.Arrays.fill(hist, 0L);
        double sum = 0;
        for (double s : scores) {
            hist[Math.min(9, (int) (s * 10))]++;
            sum += s;
        }
        return WindowRollup.newBuilder(snapshot(granularity, calls, isFinal)).setFeedbackCount(scores.length)
                .setFeedbackSum(sum).setFeedbackHistogram(scores.length == 0 ? null : List.of(hist)).build();
    }

    @Test
    void feedbackIsStoredPerWindowAndAWindowOfScoresOnlyMovesForward() {
        rollups().upsert(List.of(snapshot("1d", 2, false)));
        assertThat(feedback("1d")).as("a row without feedback").contains(new Feedback(0, 0.0, null));
        rollups().upsert(List.of(scored("1m", 0, false, 0.95)));
        assertThat(read1m().count()).as("scores are not calls").isZero();
        rollups().upsert(List.of(scored("1m", 0, false, 0.95, 0.05, 1.0)));
        assertThat(feedback("1m")).as("count 0: the scores alone move the row forward")
                .contains(new Feedback(3, 2.0, List.of(1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 2L)));
        rollups().upsert(List.of(scored("1m", 0, false, 0.95)));
        assertThat(feedback("1m").orElseThrow().count()).as("a stale snapshot changes nothing").isEqualTo(3);
        rollups().upsert(List.of(scored("1m", 0, true, 0.95, 0.05, 1.0)));
        assertThat(read1m().isFinal()).isTrue();
        rollups().upsert(List.of(scored("1m", 1, true, 0.95, 0.05, 1.0)));
        assertThat(read1m().count()).as("a call added to the window's scores").isEqualTo(1);
        assertThat(feedback("1m").orElseThrow().count()).isEqualTo(3);
        for (String g : List.of("5m", "1h", "1w", "4w")) {
            rollups().upsert(List.of(scored(g, 4, true, 0.42)));
            assertThat(feedback(g)).as(g).contains(new Feedback(1, 0.42, List.of(0L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L, 0L)));
        }
    }

    @Test
    void eventsAreInsertedOnce() {
        AgentEvent e = AgentEvent.newBuilder().setEventId("ev-1").setEventTime(Instant.ofEpochMilli(START + 5))
                .setAgentId("a1").setModel("gpt-4o").setCostUsd(0.25).setAttributes(Map.of("k", "v")).build();
        events().insert(List.of(new EnrichedEvent(e, "catalog"), new EnrichedEvent(e, "catalog")));
        AgentEvent changed = AgentEvent.newBuilder(e).setAgentId("other").setCostUsd(9.0).build();
        events().insert(List.of(new EnrichedEvent(changed, "event")));
        assertThat(event("ev-1")).contains(new EventRow("a1", 0.25, "catalog", Map.of("k", "v")));
        assertThat(event("ev-2")).isEmpty();
    }

    @Test
    void lastSeenFollowsTheEventsByCompletionTimeAndOnlyMovesOutwards() {
        List<EnrichedEvent> first = List.of(call("s1", "a1", START, 1500.0), call("s2", "a1", START + 100, null),
                call("s3", "a2", START + 200, 0.0));
        events().insert(first);
        assertThat(seen("a1")).as("completion = start + latency").contains(new AgentTimes(START + 100, START + 1500));
        assertThat(seen("a2")).contains(new AgentTimes(START + 200, START + 200));
        events().insert(List.of(call("s4", "a1", START - 60_000, 10.0)));
        assertThat(seen("a1")).as("an older, out-of-order event lowers first_seen only")
                .contains(new AgentTimes(START - 60_000 + 10, START + 1500));
        events().insert(first);
        events().insert(List.of(first.get(0), first.get(0)));
        assertThat(seen("a1")).as("replayed duplicates change nothing").contains(new AgentTimes(START - 59_990, START + 1500));
        events().insert(List.of(call("s5", "a1", START + 5000, 20.0)));
        assertThat(seen("a1")).contains(new AgentTimes(START - 59_990, START + 5020));
        assertThat(seen("a2")).contains(new AgentTimes(START + 200, START + 200));
        assertThat(seen("nobody")).isEmpty();
    }
}
