package io.agentpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Freshness, event sent -> SSE frame whose count first includes it: the probe agent's events are
 * recorded per completion minute in send order; an SSE frame of that agent and minute with count n
 * credits the first n sends not yet credited. Every probe event is a sample; one never seen on SSE
 * counts as a miss (reported, never dropped from the percentiles' denominator silently).
 */
final class FreshnessProbe implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String agent;
    private final Map<Long, List<Long>> sentAt = new ConcurrentHashMap<>();
    private final Map<Long, Long> credited = new ConcurrentHashMap<>();
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Void> stream;
    private long sends;

    FreshnessProbe(HttpClient http, HttpRequest.Builder sseRequest, String agent) {
        this.agent = agent;
        this.stream = http.sendAsync(sseRequest.build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(resp -> resp.body().forEach(this::frame));
    }

    void sent(long completionMs) {
        long w = Math.floorDiv(completionMs, 60_000L) * 60_000L;
        sentAt.computeIfAbsent(w, k -> Collections.synchronizedList(new ArrayList<>())).add(System.nanoTime());
        sends++;
    }

    private void frame(String line) {
        if (!line.startsWith("data:") || !line.contains(agent)) {
            return;
        }
        long now = System.nanoTime();
        try {
            JsonNode n = JSON.readTree(line.substring(5));
            if (!agent.equals(n.path("agent_id").asText()) || !"1m".equals(n.path("granularity").asText("1m"))) {
                return;
            }
            long w = n.path("window_start").asLong();
            long count = n.path("count").asLong();
            List<Long> sends = sentAt.get(w);
            long prev = credited.getOrDefault(w, 0L);
            for (long k = prev; sends != null && k < Math.min(count, sends.size()); k++) {
                latencies.add(now - sends.get((int) k));
            }
            credited.put(w, Math.max(prev, count));
        } catch (Exception ignored) {
            // a frame we cannot read is not a sample
        }
    }

    /** p50, p99, max in ms over every probe event, and how many were never seen (misses). */
    double[] result() {
        long[] ns;
        synchronized (latencies) {
            ns = latencies.stream().mapToLong(Long::longValue).toArray();
        }
        Arrays.sort(ns);
        long misses = sends - ns.length;
        if (ns.length == 0 || misses > sends / 100) { // more than 1% never seen: the percentiles would lie
            return new double[] {Double.NaN, Double.NaN, Double.NaN, misses};
        }
        int p99 = (int) Math.ceil(sends * 0.99) - 1; // misses rank above every sample: a miss is never a small number
        return new double[] {ns[ns.length / 2] / 1e6, p99 < ns.length ? ns[p99] / 1e6 : Double.POSITIVE_INFINITY,
            misses == 0 ? ns[ns.length - 1] / 1e6 : Double.POSITIVE_INFINITY, misses};
    }

    @Override
    public void close() {
        stream.cancel(true);
    }
}
