package io.agentpulse.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP gateway load: {@code clients} concurrent senders, each POSTing JSON arrays of
 * {@code batch} events to /v1/events back to back for {@code seconds}; counts events in 202 answers.
 */
final class GatewayLoad {
    private GatewayLoad() {}

    /** Returns events accepted (202); every request carries {@code apiKey}, an ingest key, as a bearer token. */
    static long run(String gatewayUrl, String apiKey, int clients, int batch, int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong accepted = new AtomicLong();
        AtomicLong seq = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            all.add(CompletableFuture.runAsync(() -> {
                SplittableRandom r = new SplittableRandom(client);
                while (System.nanoTime() < end) {
                    String body = body(seq.getAndAdd(batch), batch, r);
                    HttpRequest req = HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/events"))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + apiKey)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    try {
                        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
                        if (res.statusCode() == 202) {
                            accepted.addAndGet(batch);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
        return accepted.get();
    }

    private static String body(long first, int n, SplittableRandom r) {
        StringBuilder sb = new StringBuilder(n * 260).append('[');
        long now = Instant.now().toEpochMilli();
        for (long i = first; i < first + n; i++) {
            if (i > first) {
                sb.append(',');
            }
            double latency = 800 * Math.exp(0.6 * BenchEvents.gaussian(r));
            sb.append("{\"event_id\":\"http-").append(i).append("\",\"event_time\":").append(now)
                    .append(",\"agent_id\":\"http-agent-").append(i % 1000).append("\",\"model\":\"gpt-4o-mini\"")
                    .append(",\"provider\":\"openai\",\"operation\":\"chat\",\"latency_ms\":").append(latency)
                    .append(",\"input_tokens\":").append(500 + r.nextInt(1500)).append(",\"output_tokens\":")
                    .append(50 + r.nextInt(400)).append(",\"status\":\"").append(i % 50 == 0 ? "ERROR" : "OK").append("\"}");
        }
        return sb.append(']').toString();
    }
}
