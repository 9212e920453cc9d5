package io.agentpulse.bench.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fault scenarios of issue 8, each against real processes: a fresh broker, PostgreSQL and
 * registry in {@code dir}, our services as child JVMs, a {@link Loader} retrying until 202, and
 * the {@link Oracle}'s criterion: PostgreSQL equals the acknowledged events exactly.
 */
public final class FaultScenarios {
    static final Duration READY = Duration.ofSeconds(180);
    static final Duration CONVERGE = Duration.ofSeconds(180);
    private final Path dir;
    private final int rate;

    /** {@code rate}: events per second offered by the loader. */
    public FaultScenarios(Path dir, int rate) {
        this.dir = dir;
        this.rate = rate;
    }

    private Loader loader(List<ServiceProcess> gateways, Oracle oracle, String run) {
        List<String> urls = gateways.stream().map(ServiceProcess::url).toList();
        return new Loader(() -> urls, Cluster.INGEST_KEY, oracle, run, rate, 50, 2).start();
    }

    private FaultResult finish(String name, Cluster c, Loader load, Oracle oracle, Duration recovery, String meaning,
                               boolean extra, String detail) {
        load.stop(Duration.ofSeconds(120));
        Duration converged;
        boolean matched = true;
        try {
            converged = Faults.await("PostgreSQL to equal the oracle", CONVERGE, () -> oracle.matches(c.postgres.dataSource()));
        } catch (IllegalStateException e) {
            converged = CONVERGE;
            matched = false;
            detail = detail + "; MISMATCH " + oracle.diff(c.postgres.dataSource());
        }
        long counted = Oracle.storedTotal(Oracle.stored(c.postgres.dataSource()));
        return new FaultResult(name, load.eventsMade(), oracle.size(), counted, recovery, meaning, converged, matched && extra, detail);
    }

    /** kill -9 the only processor {@code kills} times under load, restarting it each time. */
    public FaultResult killProcessor(int kills, Duration between) {
        try (Cluster c = new Cluster(dir.resolve("kill9"))) {
            ServiceProcess gw = c.gateway("gateway");
            ServiceProcess p = c.processor("processor", Map.of());
            c.awaitAllReady(READY);
            Oracle oracle = new Oracle();
            Loader load = loader(List.of(gw), oracle, "kill9");
            Duration worst = Duration.ZERO;
            for (int i = 0; i < kills; i++) {
                Faults.pause(between);
                p.kill9();
                p.launch();
                Duration r = p.awaitReady(READY);
                worst = r.compareTo(worst) > 0 ? r : worst;
            }
            Faults.pause(between);
            return finish("kill -9 processor x" + kills, c, load, oracle, worst, "worst restart to ready", true, kills + " SIGKILLs");
        }
    }

    /** Two processors share the partitions; one is killed and stays dead: the other takes over. */
    public FaultResult killOneOfTwo(Duration before, Duration after) {
        try (Cluster c = new Cluster(dir.resolve("two"))) {
            ServiceProcess gw = c.gateway("gateway");
            ServiceProcess a = c.processor("processor-a", Map.of("AGENTPULSE_PROCESSOR_STANDBY_REPLICAS", "1"));
            ServiceProcess b = c.processor("processor-b", Map.of("AGENTPULSE_PROCESSOR_STANDBY_REPLICAS", "1"));
            c.awaitAllReady(READY);
            Oracle oracle = new Oracle();
            Loader load = loader(List.of(gw), oracle, "two");
            Faults.pause(before);
            b.kill9();
            long total0 = Oracle.storedTotal(Oracle.stored(c.postgres.dataSource()));
            Duration takeover = Faults.await("the survivor to advance the totals", READY,
                    () -> Oracle.storedTotal(Oracle.stored(c.postgres.dataSource())) > total0 + rate * 3L);
            Faults.pause(after);
            return finish("2 processors, one kill -9", c, load, oracle, takeover, "kill to survivor counting again",
                    a.alive() && !b.alive(), "standby replicas 1, session timeout 10 s; survivor alive " + a.alive());
        }
    }

    /**
     * The broker stopped (clean) for {@code down} under load, then restarted: every request sent after
     * the broker was down and answered before its restart began must be refused (503), never 202.
     */
    public FaultResult brokerRestart(Duration before, Duration down, Duration after) {
        try (Cluster c = new Cluster(dir.resolve("broker"))) {
            ServiceProcess gw = c.gateway("gateway");
            c.processor("processor", Map.of());
            c.awaitAllReady(READY);
            Oracle oracle = new Oracle();
            Loader load = loader(List.of(gw), oracle, "broker");
            Faults.pause(before);
            c.kafka.stop();
            long downAt = System.nanoTime();
            Faults.pause(down);
            long upAt = System.nanoTime();
            c.kafka.restart();
            AtomicReference<Duration> firstAck = new AtomicReference<>();
            Duration back = Faults.await("a 202 after the restart", READY, () -> load.answers().stream()
                    .anyMatch(a -> a.status() == 202 && a.sentNanos() > upAt));
            firstAck.set(back);
            Faults.pause(after);
            List<Loader.Answer> during = load.answers().stream()
                    .filter(a -> a.sentNanos() > downAt && a.receivedNanos() < upAt).toList();
            long ok = during.stream().filter(a -> a.status() == 202).count();
            long refused = during.stream().filter(a -> a.status() == 503).count();
            boolean criterion = ok == 0 && refused > 0;
            return finish("broker stopped " + down.toSeconds() + " s", c, load, oracle, back, "restart to first 202", criterion,
                    "while down: " + during.size() + " answers, " + refused + " x 503, " + ok + " x 202");
        }
    }

    /** PostgreSQL stopped for {@code down} under load, then restarted: the sink retries, totals equal. */
    public FaultResult postgresRestart(Duration before, Duration down, Duration after) {
        try (Cluster c = new Cluster(dir.resolve("pg"))) {
            ServiceProcess gw = c.gateway("gateway");
            c.processor("processor", Map.of());
            c.awaitAllReady(READY);
            Oracle oracle = new Oracle();
            Loader load = loader(List.of(gw), oracle, "pg");
            Faults.pause(before);
            c.postgres.stop();
            Faults.pause(down);
            c.postgres.restart();
            long total0 = Oracle.storedTotal(Oracle.stored(c.postgres.dataSource()));
            Duration back = Faults.await("the sink to write again", READY,
                    () -> Oracle.storedTotal(Oracle.stored(c.postgres.dataSource())) > total0);
            Faults.pause(after);
            return finish("PostgreSQL stopped " + down.toSeconds() + " s", c, load, oracle, back, "restart to first new write",
                    true, "PostgreSQL start " + c.postgres.lastStartDuration().toMillis() + " ms; sink retried with backoff");
        }
    }

    /**
     * One of two processors frozen (SIGSTOP) past its session and transaction timeouts while the other
     * takes over, then thawed (SIGCONT): the zombie is fenced, no stale or double write shows.
     */
    public FaultResult pausedProcessorFenced(Duration before, Duration frozen, Duration after) {
        try (Cluster c = new Cluster(dir.resolve("pause"))) {
            ServiceProcess gw = c.gateway("gateway");
            ServiceProcess a = c.processor("processor-a", Map.of());
            ServiceProcess b = c.processor("processor-b", Map.of());
            c.awaitAllReady(READY);
            Oracle oracle = new Oracle();
            Loader load = loader(List.of(gw), oracle, "pause");
            Faults.pause(before);
            b.stopSignal();
            long total0 = Oracle.storedTotal(Oracle.stored(c.postgres.dataSource()));
            Duration takeover = Faults.await("the other processor to take over", READY,
                    () -> Oracle.storedTotal(Oracle.stored(c.postgres.dataSource())) > total0 + rate * 3L);
            Faults.pause(frozen.minus(takeover).isNegative() ? Duration.ZERO : frozen.minus(takeover));
            b.contSignal();
            Faults.pause(after);
            return finish("processor frozen " + frozen.toSeconds() + " s (SIGSTOP)", c, load, oracle, takeover,
                    "freeze to other counting", a.alive(), "zombie alive after thaw: " + b.alive() + "; ready: " + b.ready());
        }
    }

    /** SIGTERM a gateway (of two) and the processor under load: clean exits, nothing acknowledged lost. */
    public FaultResult gracefulSigterm(Duration before, Duration after) {
        try (Cluster c = new Cluster(dir.resolve("sigterm"))) {
            ServiceProcess gw1 = c.gateway("gateway-1");
            ServiceProcess gw2 = c.gateway("gateway-2");
            ServiceProcess p = c.processor("processor", Map.of());
            c.awaitAllReady(READY);
            Oracle oracle = new Oracle();
            Loader load = loader(List.of(gw1, gw2), oracle, "sigterm");
            Faults.pause(before);
            long t0 = System.nanoTime();
            int gwExit = gw1.terminate(Duration.ofSeconds(30));
            int pExit = p.terminate(Duration.ofSeconds(60));
            Duration shutdown = Duration.ofNanos(System.nanoTime() - t0);
            p.launch();
            p.awaitReady(READY);
            Faults.pause(after);
            // the JVM exits with 143 (128 + SIGTERM) after its shutdown hooks ran; a hang would be killed (137)
            boolean clean = gwExit == 143 && pExit == 143;
            return finish("SIGTERM gateway + processor", c, load, oracle, shutdown, "both shutdowns", clean,
                    "exit codes gateway " + gwExit + ", processor " + pExit);
        }
    }

    /**
     * {@code clients} SSE clients on query API A, A killed (-9) as the load ends: they reconnect to B
     * with A's Last-Event-ID and must end with every window's final totals equal to the oracle's,
     * although the last frames were published while they were disconnected (B's replay ring).
     */
    public FaultResult sseFailover(int clients, Duration before) {
        try (Cluster c = new Cluster(dir.resolve("sse"))) {
            ServiceProcess gw = c.gateway("gateway");
            c.processor("processor", Map.of());
            ServiceProcess qa = c.queryApi("query-a");
            ServiceProcess qb = c.queryApi("query-b");
            c.awaitAllReady(READY);
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
            List<String> apis = List.of(qa.url(), qb.url());
            List<SseWatcher> watchers = new java.util.ArrayList<>();
            for (int i = 0; i < clients; i++) {
                SseWatcher w = new SseWatcher(http, () -> apis, Duration.ofSeconds(3), i);
                w.start();
                watchers.add(w);
            }
            Oracle oracle = new Oracle();
            Loader load = loader(List.of(gw), oracle, "sse");
            Faults.await("every SSE client to receive frames", READY, () -> watchers.stream().allMatch(w -> w.frames() > 0));
            Faults.pause(before);
            qa.kill9();
            FaultResult r = finish("query API killed, " + clients + " SSE clients", c, load, oracle, Duration.ZERO, "", true, "");
            Map<Long, Long> expected = new java.util.TreeMap<>();
            oracle.expected().forEach((k, v) -> {
                if (k.startsWith("*|")) {
                    expected.put(Long.parseLong(k.substring(2)), v.count());
                }
            });
            boolean all;
            try {
                Faults.await("every SSE client to hold the final totals", Duration.ofSeconds(60),
                        () -> watchers.stream().allMatch(w -> w.counts().equals(expected)));
                all = true;
            } catch (IllegalStateException e) {
                all = false;
            }
            long behind = watchers.stream().filter(w -> !w.counts().equals(expected)).count();
            long reconnected = watchers.stream().filter(w -> w.connections() >= 2).count();
            Duration worst = watchers.stream().map(SseWatcher::worstReconnect).max(Duration::compareTo).orElse(Duration.ZERO);
            watchers.forEach(SseWatcher::stop);
            return new FaultResult(r.scenario(), r.made(), r.acknowledged(), r.counted(), worst, "worst loss to reconnected",
                    r.converged(), r.passed() && all && reconnected == clients,
                    reconnected + "/" + clients + " reconnected to B; " + behind + " clients missing a final total "
                            + (behind == 0 ? "" : "(expected " + expected + ")") + r.detail());
        }
    }
}
