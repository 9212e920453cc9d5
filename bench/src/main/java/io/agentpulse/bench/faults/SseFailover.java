package io.agentpulse.bench.faults;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The SSE fault scenario: {@code clients} EventSource-like clients on query API A, rollup load
 * through the gateway and alert transitions written to agentpulse.alerts ({@link AlertPump}); A is
 * killed (-9, the real process) and transitions keep coming for {@code away} while the clients
 * reconnect to B with A's Last-Event-ID. Criteria: the rollup oracle and final totals as before,
 * and for alerts, compared with what agentpulse.alerts holds: from the first transition each client
 * received on each partition, every later one received exactly once, in offset order, no reset.
 */
final class SseFailover {
    private final FaultScenarios scenarios;
    private final Path dir;
    private final int alertRingOfB;

    /** {@code alertRingOfB}: B's AGENTPULSE_SSE_ALERT_REPLAY_SIZE; small enough, B reads the gap back from Kafka. */
    SseFailover(FaultScenarios scenarios, Path dir, int alertRingOfB) {
        this.scenarios = scenarios;
        this.dir = dir;
        this.alertRingOfB = alertRingOfB;
    }

    /** Alert figures over all clients. */
    record AlertFigures(long transitions, long expected, long received, long missed, long duplicated, long outOfOrder, long resets) {
        boolean clean() {
            return missed == 0 && duplicated == 0 && outOfOrder == 0 && resets == 0 && expected > 0;
        }
    }

    FaultResult run(int clients, Duration before, Duration away, int alertsPerSecond) {
        try (Cluster c = scenarios.cluster(dir)) {
            ServiceProcess gw = c.gateway("gateway");
            c.processor("processor", Map.of());
            ServiceProcess qa = c.queryApi("query-a");
            ServiceProcess qb = c.queryApi("query-b", Map.of("AGENTPULSE_SSE_ALERT_REPLAY_SIZE", Integer.toString(alertRingOfB)));
            c.awaitAllReady(FaultScenarios.READY);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<String> apis = List.of(qa.url(), qb.url());
            List<SseWatcher> watchers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                SseWatcher w = new SseWatcher(http, () -> apis, Duration.ofSeconds(3), i);
                w.start();
                watchers.add(w);
            }
            Oracle oracle = new Oracle();
            Loader load = scenarios.loader(List.of(gw), oracle, "sse");
            Faults.await("every SSE client to receive frames", FaultScenarios.READY, () -> watchers.stream().allMatch(w -> w.frames() > 0));
            Set<Integer> partitions = AlertPump.topic(c.kafka.bootstrapServers()).keySet();
            AlertPump pump = new AlertPump(c.kafka.bootstrapServers(), c.registrySettings(), alertsPerSecond);
            Faults.await("every SSE client to receive transitions of every partition", FaultScenarios.READY,
                    () -> watchers.stream().allMatch(w -> w.alerts().keySet().containsAll(partitions)));
            Faults.pause(before);
            qa.kill9();
            Faults.pause(away); // transitions keep coming while the clients are away and reconnecting
            FaultResult r = scenarios.finish("query API killed, " + clients + " SSE clients, B's alert ring " + alertRingOfB, c, load, oracle, Duration.ZERO, "", true, "");
            pump.close();
            Map<Integer, List<Long>> truth = AlertPump.topic(c.kafka.bootstrapServers());
            boolean allAlerts = awaitQuietly("every SSE client to hold every transition", Duration.ofSeconds(60),
                    () -> watchers.stream().allMatch(w -> figures(List.of(w), truth).missed() == 0));
            Map<Long, Long> expected = new TreeMap<>();
            oracle.expected().forEach((k, v) -> {
                if (k.startsWith("*|")) {
                    expected.put(Long.parseLong(k.substring(2)), v.count());
                }
            });
            boolean totals = awaitQuietly("every SSE client to hold the final totals", Duration.ofSeconds(60),
                    () -> watchers.stream().allMatch(w -> w.counts().equals(expected)));
            AlertFigures a = figures(watchers, truth);
            long behind = watchers.stream().filter(w -> !w.counts().equals(expected)).count();
            // A client whose first try at A failed (a reset under load) starts on B and never moves: it
            // counts as on B, not as moved; the criterion is every client streaming from B at the end.
            long onB = watchers.stream().filter(w -> w.streamingFrom(qb.url())).count();
            long moved = watchers.stream().filter(w -> w.servedBy(qa.url()) && w.servedBy(qb.url())).count();
            List<Long> times = watchers.stream().flatMap(w -> w.reconnects().stream()).sorted().toList();
            Duration p50 = times.isEmpty() ? Duration.ZERO : Duration.ofNanos(times.get((times.size() - 1) / 2));
            Duration max = times.isEmpty() ? Duration.ZERO : Duration.ofNanos(times.get(times.size() - 1));
            watchers.forEach(SseWatcher::stop);
            Map<String, Integer> failures = new TreeMap<>();
            watchers.forEach(w -> w.failures().forEach((k, v) -> failures.merge(k, v, Integer::sum)));
            String detail = String.format("%d/%d on B at the end (%d moved from A); alerts: %,d transitions in the topic, %,d deliveries expected,"
                            + " %,d received, %d missed, %d duplicated, %d out of order, %d resets; reconnect p50 %.1f s, max %.1f s;"
                            + " %d clients missing a final total; failed attempts %s; B: %s%s",
                    onB, clients, moved, a.transitions(), a.expected(), a.received(), a.missed(), a.duplicated(), a.outOfOrder(),
                    a.resets(), p50.toMillis() / 1000.0, max.toMillis() / 1000.0, behind, failures, resumeMeters(http, qb), r.detail());
            return new FaultResult(r.scenario(), r.made(), r.acknowledged(), r.counted(), max, "worst loss to reconnected",
                    r.converged(), r.passed() && totals && allAlerts && a.clean() && onB == clients, detail);
        }
    }

    /** Missed / duplicated / out of order against the topic, from each client's first transition per partition. */
    static AlertFigures figures(List<SseWatcher> watchers, Map<Integer, List<Long>> truth) {
        long expected = 0;
        long received = 0;
        long missed = 0;
        long dup = 0;
        long disorder = 0;
        long resets = 0;
        for (SseWatcher w : watchers) {
            resets += w.resets();
            for (Map.Entry<Integer, List<Long>> e : w.alerts().entrySet()) {
                List<Long> got = e.getValue();
                long first = got.get(0);
                List<Long> want = truth.getOrDefault(e.getKey(), List.of()).stream().filter(o -> o >= first).toList();
                Set<Long> distinct = new HashSet<>(got);
                expected += want.size();
                received += got.size();
                dup += got.size() - distinct.size();
                missed += want.stream().filter(o -> !distinct.contains(o)).count();
                for (int i = 1; i < got.size(); i++) {
                    if (got.get(i) <= got.get(i - 1)) {
                        disorder++;
                    }
                }
            }
        }
        long transitions = truth.values().stream().mapToLong(List::size).sum();
        return new AlertFigures(transitions, expected, received, missed, dup, disorder, resets);
    }

    /** B's own account of the resumes (ring or Kafka read-back) and resets, from its /metrics. */
    private static String resumeMeters(HttpClient http, ServiceProcess b) {
        try {
            HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(b.url() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            return String.join(", ", r.body().lines().filter(l -> l.startsWith("agentpulse_sse_alert_")).toList());
        } catch (Exception e) {
            return "metrics unavailable: " + e.getMessage();
        }
    }

    private static boolean awaitQuietly(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        try {
            Faults.await(what, timeout, condition);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
