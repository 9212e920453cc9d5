package io.agentpulse.query.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentpulse.query.sse.SseClientStream;
import io.agentpulse.query.sse.SseHub;
import io.agentpulse.query.sse.SseSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Resuming alert transitions with Last-Event-ID, against the hub over real HTTP and the in-memory
 * feed: replay after an id, the ring outgrown (read back from the log), retention passed (reset),
 * ids monotonic per partition, and no duplicate where a replay and the live tail overlap.
 */
class AlertResumeTest {
    private Vertx vertx;
    private HttpServer http;
    private SseHub hub;
    private final InMemoryAlertFeed feed = new InMemoryAlertFeed(3);
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private int published;

    private int start(int ringSize) {
        vertx = Vertx.vertx();
        hub = new SseHub(vertx, new SseSettings(60_000, 100, 500, 10_000, ringSize, 1_000), Clock.systemUTC(), meters);
        AlertStream.carry(hub, ringSize, feed, meters);
        Router router = Router.router(vertx);
        router.get("/api/v1/stream").handler(hub::handle);
        http = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
        return http.actualPort();
    }

    @AfterEach
    void stop() {
        if (vertx != null) {
            hub.close();
            http.close().await();
            vertx.close().await();
        }
    }

    /** Publishes n transitions round robin over the partitions; returns their fingerprints. */
    private List<String> publish(int n) {
        List<String> fps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String fp = "fp-" + published;
            feed.publish(published % 3, new JsonObject().put("fingerprint", fp).put("state", "FIRING"));
            published++;
            fps.add(fp);
        }
        return fps;
    }

    private static List<String> fingerprints(SseClientStream c) {
        return c.events("alert").stream().map(e -> new JsonObject(e.data()).getString("fingerprint")).toList();
    }

    /**
     * Kafka orders transitions per partition only (a read-back returns one partition after the other):
     * the exact list per partition, which also rules out any loss or duplicate.
     */
    private static void assertSamePerPartition(List<String> actual, List<String> expected) {
        assertThat(byPartition(actual)).isEqualTo(byPartition(expected));
        assertThat(actual).hasSameSizeAs(expected);
    }

    private static Map<Integer, List<String>> byPartition(List<String> fps) {
        Map<Integer, List<String>> m = new HashMap<>();
        fps.forEach(fp -> m.computeIfAbsent(Integer.parseInt(fp.substring(3)) % 3, k -> new ArrayList<>()).add(fp));
        return m;
    }

    private SseClientStream connected(int port, String lastId) throws Exception {
        SseClientStream c = new SseClientStream(port, "?grp=none", lastId, false).read();
        await().until(() -> c.lastId() != null);
        return c;
    }

    /** Disconnects after receiving {@code expect} transitions; the id a browser would resume with. */
    private String receiveThenLeave(SseClientStream c, List<String> expect) throws Exception {
        await().until(() -> fingerprints(c).size() >= expect.size());
        assertThat(fingerprints(c)).containsExactlyElementsOf(expect);
        String id = c.lastId();
        c.close();
        return id;
    }

    @Test
    void aReconnectReplaysEveryTransitionAfterItsIdThenGoesLive() throws Exception {
        int port = start(100);
        String id = receiveThenLeave(connected(port, null), publish(5));
        List<String> missed = publish(4);
        try (SseClientStream again = connected(port, id)) {
            await().until(() -> fingerprints(again).size() == 4);
            List<String> live = publish(3);
            await().until(() -> fingerprints(again).size() == 7);
            List<String> all = new ArrayList<>(missed);
            all.addAll(live);
            assertThat(fingerprints(again)).containsExactlyElementsOf(all);
            assertThat(again.events("reset")).isEmpty();
            assertThat(feed.reads()).isZero(); // the ring covered it
        }
    }

    @Test
    void idsAreKafkaPositionsIncreasingPerPartition() throws Exception {
        int port = start(100);
        try (SseClientStream c = connected(port, null)) {
            publish(9);
            await().until(() -> fingerprints(c).size() == 9);
            Map<Integer, Long> seen = new HashMap<>();
            for (SseClientStream.Event e : c.events("alert")) {
                JsonObject d = new JsonObject(e.data());
                int p = d.getInteger("partition");
                long offset = d.getLong("offset");
                Map<Integer, Long> cursor = SseClientStream.alertCursor(e.id());
                assertThat(cursor).containsEntry(p, offset + 1); // the id resumes right after this transition
                assertThat(offset).isGreaterThan(seen.getOrDefault(p, -1L));
                seen.put(p, offset);
            }
            assertThat(seen).containsOnlyKeys(0, 1, 2);
        }
    }

    @Test
    void anIdOlderThanTheRingIsReadBackFromTheLog() throws Exception {
        int port = start(3);
        String id = receiveThenLeave(connected(port, null), publish(2));
        List<String> missed = publish(10);
        try (SseClientStream again = connected(port, id)) {
            await().until(() -> fingerprints(again).size() == 10);
            assertSamePerPartition(fingerprints(again), missed);
            assertThat(feed.reads()).isEqualTo(1);
            assertThat(again.events("reset")).isEmpty();
        }
    }

    @Test
    void anIdOlderThanRetentionGetsAResetThenLiveTransitions() throws Exception {
        int port = start(3);
        String id = receiveThenLeave(connected(port, null), publish(3));
        publish(12);
        feed.truncate(0, 3); // partition 0 held offsets 0..4: positions 1 and 2 are gone
        try (SseClientStream again = connected(port, id)) {
            await().until(() -> again.events("reset").size() == 1);
            assertThat(new JsonObject(again.events("reset").get(0).data()).getString("reason")).isEqualTo("expired");
            List<String> live = publish(2);
            await().until(() -> fingerprints(again).size() == 2);
            assertThat(fingerprints(again)).containsExactlyElementsOf(live);
        }
    }

    @Test
    void anIdOlderThanTheRingGetsAResetWhenTheLogCannotBeReadBack() throws Exception {
        int port = start(3);
        String id = receiveThenLeave(connected(port, null), publish(2));
        publish(10);
        feed.failReads(true);
        try (SseClientStream again = connected(port, id)) {
            await().until(() -> again.events("reset").size() == 1);
            assertThat(new JsonObject(again.events("reset").get(0).data()).getString("reason")).isEqualTo("replay-failed");
            assertThat(fingerprints(again)).isEmpty();
            List<String> live = publish(2);
            await().until(() -> fingerprints(again).size() == 2);
            assertThat(fingerprints(again)).containsExactlyElementsOf(live);
        }
    }

    @Test
    void liveTransitionsDuringAReadBackAreNeitherLostNorDoubled() throws Exception {
        int port = start(2);
        String id = receiveThenLeave(connected(port, null), publish(3));
        List<String> expected = new ArrayList<>(publish(6));
        feed.holdReads();
        try (SseClientStream again = connected(port, id)) {
            await().until(() -> feed.reads() == 1);
            expected.addAll(publish(5)); // live while the read-back waits: they reach the ring and the log
            feed.releaseReads();
            await().until(() -> fingerprints(again).size() >= expected.size());
            expected.addAll(publish(2));
            await().until(() -> fingerprints(again).size() >= expected.size());
            assertSamePerPartition(fingerprints(again), expected);
        }
    }

    @Test
    void manyClientsResumingAtOnceShareOneReadBack() throws Exception {
        int port = start(2);
        String id = receiveThenLeave(connected(port, null), publish(1));
        List<String> missed = publish(8);
        feed.holdReads();
        List<SseClientStream> clients = new ArrayList<>();
        try {
            clients.add(connected(port, id));
            await().until(() -> feed.reads() == 1);
            for (int i = 0; i < 30; i++) {
                clients.add(connected(port, id));
            }
            feed.releaseReads();
            for (SseClientStream c : clients) {
                await().until(() -> fingerprints(c).size() == missed.size());
                assertSamePerPartition(fingerprints(c), missed);
            }
            assertThat(feed.reads()).isEqualTo(2); // the first alone, then the 30 that waited, together
        } finally {
            for (SseClientStream c : clients) {
                c.close();
            }
        }
    }

    @Test
    void aSeqOnlyIdGetsAResetBecauseItsAlertPositionIsUnknown() throws Exception {
        int port = start(10);
        try (SseClientStream c = connected(port, "12345")) {
            await().until(() -> c.events("reset").size() == 1);
            assertThat(new JsonObject(c.events("reset").get(0).data()).getString("reason")).isEqualTo("unknown-position");
        }
        try (SseClientStream c = connected(port, "12345/")) { // issued before that instance knew any position
            await().until(() -> c.events("reset").size() == 1);
        }
    }
}
