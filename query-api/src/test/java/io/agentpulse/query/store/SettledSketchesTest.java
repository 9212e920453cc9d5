package io.agentpulse.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.agentpulse.query.plan.Dimension;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.contract.Granularity;
import io.agentpulse.query.plan.Segment;
import io.agentpulse.contract.sketch.SketchCodec;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the cache may and may not keep: settled sketches only, never sums, never a live window. */
class SettledSketchesTest {
    static final long H = 3_600_000L;
    static final long T0 = TestFleet.T0;
    static final long WHOLE = Long.MAX_VALUE / 4;
    static final Duration SETTLED_AFTER = Duration.ofMinutes(65);

    /** A clock the test moves (ms). */
    static final class Moving extends java.time.Clock {
        long nowMs;

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(nowMs);
        }
    }

    final InMemoryRollupReader rows = new InMemoryRollupReader();
    final List<Segment> sketchReads = new ArrayList<>();
    final RollupReader recorded = (RollupReader) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {RollupReader.class}, (proxy, m, args) -> {
                if (m.getName().equals("buckets") && (boolean) args[4]) {
                    sketchReads.add(((RollupQuery) args[0]).segment());
                }
                return m.invoke(rows, args);
            });
    final Moving clock = new Moving();

    static byte[] sketchOf(double... ms) {
        DDSketch s = SketchCodec.newSketch();
        for (double v : ms) {
            s.accept(v);
        }
        return SketchCodec.encode(s);
    }

    void hour(String agent, int h, long count, double cost, double... latencies) {
        rows.put(new RollupRow(Granularity.HOUR, "agent", agent, "*", "*", T0 + h * H, count, 0, 0, 0, 0, cost,
                sketchOf(latencies)));
    }

    SettledSketches cache(long nowMs, int maxKeys) {
        clock.nowMs = nowMs;
        return new SettledSketches(recorded, new SettledSketches.Settings(maxKeys, SETTLED_AFTER), clock);
    }

    static List<Bucket> byAgent(RollupReader r, long from, long to) throws Exception {
        RollupQuery q = new RollupQuery("agent", Filters.NONE, new Segment(Granularity.HOUR, from, to));
        Future<List<Bucket>> f = r.buckets(q, WHOLE, Dimension.AGENT, null, true);
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void settledWindowsAreDecodedOnceAndTheLiveOnesEveryTime() throws Exception {
        for (int h = 0; h < 6; h++) {
            hour("a1", h, 10, 1.0, 100 + h, 200 + h);
            hour("a2", h, 5, 0.5, 1000);
        }
        long now = T0 + 5 * H + SETTLED_AFTER.toMillis(); // hours 0-4 settled, hour 5 live
        SettledSketches r = cache(now, 100);
        List<Bucket> first = byAgent(r, T0, T0 + 6 * H);
        List<Bucket> second = byAgent(r, T0, T0 + 6 * H);
        List<Bucket> plain = byAgent(rows, T0, T0 + 6 * H);
        for (List<Bucket> got : List.of(first, second)) {
            assertThat(got).extracting(Bucket::key).containsExactly("a1", "a2");
            for (int i = 0; i < 2; i++) {
                assertThat(got.get(i).totals().count()).isEqualTo(plain.get(i).totals().count());
                assertThat(got.get(i).totals().quantile(0.99)).isEqualTo(plain.get(i).totals().quantile(0.99));
            }
        }
        sketchReads.clear();
        byAgent(r, T0, T0 + 6 * H);
        assertThat(sketchReads).as("only the live hour's sketches are read again")
                .containsExactly(new Segment(Granularity.HOUR, T0 + 5 * H, T0 + 6 * H));
        assertThat(r.keysHeld()).isEqualTo(2);
    }

    @Test
    void sumsAreReadFreshAndACorrectedLiveWindowIsSeen() throws Exception {
        hour("a1", 0, 10, 1.0, 100);
        hour("a1", 1, 10, 1.0, 100);
        SettledSketches r = cache(T0 + H + SETTLED_AFTER.toMillis(), 100);
        byAgent(r, T0, T0 + 2 * H);
        hour("a1", 0, 10, 3.0, 100); // repricing adds to a settled window's cost
        hour("a1", 1, 11, 1.0, 100, 90_000); // a late call corrects the live hour
        Totals t = byAgent(r, T0, T0 + 2 * H).get(0).totals();
        assertThat(t.count()).isEqualTo(21);
        assertThat(t.costUsd()).isEqualTo(4.0);
        assertThat(t.quantile(1.0)).isGreaterThan(89_000);
    }

    @Test
    void aLaterCutMergesOnlyTheNewlySettledWindowsAndTheBoundEvicts() throws Exception {
        for (int h = 0; h < 4; h++) {
            hour("a" + h, h, 1, 0, 10 * (h + 1));
        }
        SettledSketches r = cache(T0 + 2 * H + SETTLED_AFTER.toMillis(), 100); // hours 0-1 settled
        byAgent(r, T0, T0 + 4 * H);
        clock.nowMs += H; // hour 2 settles
        sketchReads.clear();
        assertThat(byAgent(r, T0, T0 + 4 * H)).extracting(b -> b.totals().quantile(0.5))
                .as("each agent's one latency, within 1%").containsExactlyElementsOf(
                        byAgent(rows, T0, T0 + 4 * H).stream().map(b -> b.totals().quantile(0.5)).toList());
        assertThat(sketchReads).as("the newly settled hour once, then the live one").containsExactly(
                new Segment(Granularity.HOUR, T0 + 2 * H, T0 + 3 * H), new Segment(Granularity.HOUR, T0 + 3 * H, T0 + 4 * H));
        SettledSketches small = cache(T0 + 3 * H + SETTLED_AFTER.toMillis(), 2);
        byAgent(small, T0, T0 + 4 * H);
        byAgent(small, T0 + H, T0 + 4 * H);
        assertThat(small.keysHeld()).as("an entry over the bound goes at once (3 agents), the next one stays (2)").isEqualTo(2);
    }
}
