package io.agentpulse.bench.faults;

import io.agentpulse.embedded.KafkaOptions;
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
    private final KafkaOptions kafka;

    /** {@code rate}: events per second offered by the loader; the broker as shipped (KafkaOptions.defaults()). */
    public FaultScenarios(Path dir, int rate) {
        this(dir, rate, KafkaOptions.defaults());
    }

    /** As above, each scenario's broker run with {@code kafka} (e.g. another transaction.version). */
    public FaultScenarios(Path dir, int rate, KafkaOptions kafka) {
        this.dir = dir;
        this.rate = rate;
        this.kafka = kafka;
    }

    /** A fresh cluster in {@code at}, its broker run with this suite's options. */
    Cluster cluster(Path at) {
        return new Cluster(at, Cluster.PARTITIONS, kafka);
    }

    Loader loader(List<ServiceProcess> gateways, Oracle oracle, String run) {
        List<String> urls = gateways.stream().map(ServiceProcess::url).toList();
        return new Loader(() -> urls, Cluster.INGEST_KEY, oracle, run, rate, 50, 2).start();
    }

    FaultResult finish(String name, Cluster c, Loader load, Oracle oracle, Duration recovery, String meaning,
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
        try (Cluster c = cluster(dir.resolve("kill9"))) {
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
        try (Cluster c = cluster(dir.resolve("two"))) {
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
        try (Cluster c = cluster(dir.resolve("broker"))) {
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
        try (Cluster c = cluster(dir.resolve("pg"))) {
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
        try (Cluster c = cluster(dir.resolve("pause"))) {
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
        try (Cluster c = cluster(dir.resolve("sigterm"))) {
            ServiceProcess gw1 = c.gateway("gateway-1");
            ServiceProcess gw2 = c.gateway("gateway-2");
            ServiceProcess p = c.processor("processor", Map.of());
            c.awaitAllReady(READY);
            Oracle oracle = new Oracle();
            Loader load = loader(List.of(gw1, gw2), oracle, "sigterm");
            Faults.pause(before);
            long t0 = System.nanoTime();
            int gwExit = gw1.terminate(Duration.ofSeconds(30));
            long gwGone = System.nanoTime();
            int pExit = p.terminate(Duration.ofSeconds(60));
            Duration shutdown = Duration.ofNanos(System.nanoTime() - t0);
            p.launch();
            p.awaitReady(READY);
            Faults.pause(after);
            // the JVM exits with 143 (128 + SIGTERM) after its shutdown hooks ran; a hang would be killed (137)
            boolean clean = gwExit == 143 && pExit == 143;
            // answers of requests sent and answered while gateway-1 drained (both gateways, round robin):
            // a drained request is 202 or 503 (Connection: close), never cut (-1)
            Map<Integer, Long> draining = new java.util.TreeMap<>();
            load.answers().stream().filter(a -> a.sentNanos() >= t0 && a.receivedNanos() <= gwGone)
                    .forEach(a -> draining.merge(a.status(), 1L, Long::sum));
            return finish("SIGTERM gateway + processor", c, load, oracle, shutdown, "both shutdowns", clean,
                    "exit codes gateway " + gwExit + ", processor " + pExit + "; answers (status=count) during the gateway's drain "
                            + draining);
        }
    }

    /**
     * {@code clients} SSE clients on query API A, A killed (-9): they reconnect to B with A's
     * Last-Event-ID; rollup totals and every alert transition must arrive ({@link SseFailover}).
     * {@code alertRingOfB}: B's alert ring (the default 10,000 covers the gap; 20 makes B read it back from Kafka).
     */
    public FaultResult sseFailover(int clients, Duration before, int alertRingOfB) {
        return new SseFailover(this, dir.resolve("sse-" + alertRingOfB), alertRingOfB).run(clients, before, Duration.ofSeconds(10), 20);
    }
}
