package io.agentpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentpulse.allinone.AllInOne;
import io.agentpulse.avro.AgentEvent;
import io.agentpulse.contract.Topics;
import io.agentpulse.contract.serde.AvroSerializer;
import io.agentpulse.security.Scope;
import io.agentpulse.security.keys.NewKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The measuring side of {@link EndToEndBench}: producers, the summary poller and an SSE reader. */
final class BenchClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AllInOne app;
    private final HttpClient http = HttpClient.newHttpClient();

    BenchClient(AllInOne app) {
        this.app = app;
    }

    /** A fresh ingest key in the all-in-one's key store, for the HTTP load. */
    String ingestKey() {
        return app.keys().create(new NewKey("bench", Set.of(Scope.INGEST), null, "bench", null))
                .toCompletionStage().toCompletableFuture().join().token();
    }

    void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!app.ready()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The all-in-one was not ready within 60 s.");
            }
            Thread.sleep(100);
        }
    }

    /**
     * Avro events flat out for {@code seconds} or until {@code maxEvents} were sent, then wait until the
     * pipeline counted all of them. The cap keeps the backlog drainable: an idle machine's producers
     * send ~200k events/s, many times what the pipeline counts, so 60 s flat out is a backlog of hours.
     */
    EndToEndBench.Throughput sustainedThroughput(int seconds, long maxEvents) throws Exception {
        Instant from = Instant.now().minusSeconds(60);
        AtomicLong acked = new AtomicLong();
        long t0 = System.nanoTime();
        long end = t0 + seconds * 1_000_000_000L;
        SplittableRandom r = new SplittableRandom(1);
        long sent = 0;
        try (KafkaProducer<String, AgentEvent> p = producer()) {
            while (System.nanoTime() < end && sent < maxEvents) {
                AgentEvent e = BenchEvents.event("tput", sent++, 1000, Instant.now(), r);
                p.send(new ProducerRecord<>(Topics.EVENTS, e.getAgentId(), e), (m, x) -> {
                    if (x == null) {
                        acked.incrementAndGet();
                    }
                });
            }
            p.flush();
        }
        double sendSeconds = (System.nanoTime() - t0) / 1e9;
        long target = acked.get();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (countSince(from) < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The pipeline did not count " + target + " events within 10 minutes.");
            }
            Thread.sleep(200);
        }
        double total = (System.nanoTime() - t0) / 1e9;
        return new EndToEndBench.Throughput(target, total, target / sendSeconds, target / total);
    }

    /** Steady {@code rate} events/s for {@code seconds}; SSE frames tell when each event became visible. */
    EndToEndBench.Freshness freshness(int rate, int seconds) throws Exception {
        Map<Long, List<Long>> sentAt = new ConcurrentHashMap<>();   // window start -> send nanos, in order
        List<Long> latencies = new ArrayList<>();
        Map<Long, Long> seen = new ConcurrentHashMap<>();           // window start -> count already credited
        String agent = "fresh-agent-0";
        HttpRequest req = QueryAuth.request(http, app.queryUrl(), "/api/v1/stream?grp=agent").build();
        var sse = http.sendAsync(req, HttpResponse.BodyHandlers.ofLines()).thenAccept(resp -> resp.body().forEach(line -> {
            if (!line.startsWith("data:")) {
                return;
            }
            long now = System.nanoTime();
            try {
                JsonNode n = JSON.readTree(line.substring(5));
                if (!agent.equals(n.path("agent_id").asText())) {
                    return;
                }
                long w = n.path("window_start").asLong();
                long count = n.path("count").asLong();
                List<Long> sends = sentAt.get(w);
                long prev = seen.getOrDefault(w, 0L);
                synchronized (latencies) {
                    for (long k = prev; sends != null && k < Math.min(count, sends.size()); k++) {
                        latencies.add(now - sends.get((int) k));
                    }
                }
                seen.put(w, Math.max(prev, count));
            } catch (Exception ignored) {
                // a frame we cannot read is not a sample
            }
        }));
        Thread.sleep(1000);   // let the SSE subscription reach the server before the first event
        SplittableRandom r = new SplittableRandom(2);
        long intervalNanos = 1_000_000_000L / rate;
        long t0 = System.nanoTime();
        try (KafkaProducer<String, AgentEvent> p = producer()) {
            for (long i = 0; i < (long) rate * seconds; i++) {
                long due = t0 + i * intervalNanos;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                Instant at = Instant.now();
                AgentEvent e = BenchEvents.event("fresh", i, 1, at, r);
                long w = at.toEpochMilli() / 60_000 * 60_000;
                sentAt.computeIfAbsent(w, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(System.nanoTime());
                p.send(new ProducerRecord<>(Topics.EVENTS, e.getAgentId(), e));
            }
        }
        Thread.sleep(5000);   // the last events' frames
        sse.cancel(true);
        long[] ns;
        synchronized (latencies) {
            ns = latencies.stream().mapToLong(Long::longValue).toArray();
        }
        Arrays.sort(ns);
        if (ns.length == 0) {
            throw new IllegalStateException("No SSE frame credited any freshness event.");
        }
        return new EndToEndBench.Freshness(ns[ns.length / 2] / 1e6, ns[(int) (ns.length * 0.99)] / 1e6,
                ns[ns.length - 1] / 1e6, ns.length);
    }

    /** The HTTP gateway flat out for {@code seconds}, then wait until the pipeline counted every accepted event. */
    EndToEndBench.Throughput gatewayThroughput(int seconds, int clients, int batch) throws Exception {
        Instant from = Instant.now().minus(Duration.ofDays(1));
        long before = countSince(from);
        long t0 = System.nanoTime();
        long accepted = GatewayLoad.run(app.gatewayUrl(), ingestKey(), clients, batch, seconds);
        double sendSeconds = (System.nanoTime() - t0) / 1e9;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (countSince(from) < before + accepted) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The pipeline did not count " + accepted + " gateway events within 10 minutes.");
            }
            Thread.sleep(200);
        }
        double total = (System.nanoTime() - t0) / 1e9;
        return new EndToEndBench.Throughput(accepted, total, accepted / sendSeconds, accepted / total);
    }

    private long countSince(Instant from) throws Exception {
        String url = app.queryUrl() + "/api/v1/summary?from=" + from.toEpochMilli() + "&to=" + (System.currentTimeMillis() + 120_000);
        HttpResponse<String> resp = http.send(QueryAuth.request(http, app.queryUrl(), url.substring(app.queryUrl().length())).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(resp.body()).path("count").asLong();
    }

    private KafkaProducer<String, AgentEvent> producer() {
        Properties p = app.producerProps();
        p.put("batch.size", 131072);
        return app.kafkaClients().producer(p, new StringSerializer(), new AvroSerializer<AgentEvent>(app.registryClient()));
    }
}
