package io.agentpulse.query.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What every AlertFeed does, on a log of two partitions: the tail starts at the end (positions
 * reported first), delivers in offset order with the right positions, and read() returns a range up
 * to the end with the log's bounds, including a log start raised by retention.
 */
public abstract class AlertFeedContract {
    static final Duration WAIT = Duration.ofSeconds(60);

    /** A feed over a fresh, empty log of two partitions. */
    protected abstract AlertFeed feed();

    /** Appends a transition with this fingerprint to the feed's log; returns its offset. */
    protected abstract long append(int partition, String fingerprint) throws Exception;

    /** Retention: deletes the records of {@code partition} below {@code offset}. */
    protected abstract void deleteBefore(int partition, long offset) throws Exception;

    private static String fp(AlertTransition t) {
        return t.data().getString("fingerprint");
    }

    @Test
    public void theTailStartsAtTheEndAndDeliversInOffsetOrder() throws Exception {
        try (AlertFeed feed = feed()) {
            long before = append(0, "old");
            AtomicReference<Map<Integer, Long>> start = new AtomicReference<>();
            List<AlertTransition> got = new CopyOnWriteArrayList<>();
            feed.start(new AlertFeed.Sink() {
                @Override
                public void positions(Map<Integer, Long> s) {
                    assertThat(got).isEmpty();
                    start.set(s);
                }

                @Override
                public void transition(AlertTransition t) {
                    got.add(t);
                }
            });
            await().atMost(WAIT).until(() -> start.get() != null && feed.ready());
            assertThat(start.get()).containsEntry(0, before + 1).containsEntry(1, 0L);
            long a = append(0, "a");
            long b = append(1, "b");
            long c = append(0, "c");
            await().atMost(WAIT).until(() -> got.size() == 3);
            List<AlertTransition> p0 = got.stream().filter(t -> t.partition() == 0).toList();
            assertThat(p0).extracting(AlertTransition::offset).containsExactly(a, c);
            assertThat(p0).extracting(AlertFeedContract::fp).containsExactly("a", "c");
            AlertTransition one = got.stream().filter(t -> t.partition() == 1).findFirst().orElseThrow();
            assertThat(one.offset()).isEqualTo(b);
            assertThat(one.data().getInteger("partition")).isEqualTo(1);
            assertThat(one.data().getLong("offset")).isEqualTo(b);
        }
    }

    @Test
    public void readReturnsARangeUpToTheEnd() throws Exception {
        try (AlertFeed feed = feed()) {
            long first = append(0, "r0");
            append(0, "r1");
            append(0, "r2");
            append(1, "s0");
            AlertFeed.Backfill b = feed.read(Map.of(0, first + 1, 1, 0L)).toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(b.logStart()).containsEntry(0, 0L).containsEntry(1, 0L);
            assertThat(b.end()).containsEntry(0, first + 3).containsEntry(1, 1L);
            assertThat(b.transitions().stream().filter(t -> t.partition() == 0).map(AlertFeedContract::fp)).containsExactly("r1", "r2");
            assertThat(b.transitions().stream().filter(t -> t.partition() == 1).map(AlertFeedContract::fp)).containsExactly("s0");
            AlertFeed.Backfill none = feed.read(Map.of(1, 1L)).toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(none.transitions()).isEmpty();
            assertThat(none.end()).containsEntry(1, 1L);
        }
    }

    @Test
    public void readReportsTheLogStartRaisedByRetention() throws Exception {
        try (AlertFeed feed = feed()) {
            for (int i = 0; i < 5; i++) {
                append(0, "t" + i);
            }
            deleteBefore(0, 3);
            AlertFeed.Backfill b = feed.read(Map.of(0, 1L)).toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(b.logStart()).containsEntry(0, 3L);
            assertThat(b.end()).containsEntry(0, 5L);
        }
    }
}
