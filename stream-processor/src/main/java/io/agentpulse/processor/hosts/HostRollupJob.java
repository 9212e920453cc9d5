package io.agentpulse.processor.hosts;

import io.agentpulse.ops.CounterSpec;
import io.agentpulse.contract.Granularity;
import io.agentpulse.processor.alert.AlertPublisher;
import io.agentpulse.processor.alert.KafkaAlertPublisher;
import io.agentpulse.processor.store.Periodic;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls heartbeats up into host_rollup_1m .. host_rollup_4w, beside the topology (which it does not
 * touch). Each run, in one transaction: finds the minutes holding heartbeats stored since the last
 * run's start (minus {@link HostRollupConfig#margin()}; the first run after a start looks back
 * {@link HostRollupConfig#backfill()}), recomputes those minutes from the raw heartbeats, then the
 * 5m .. 4w windows containing them from the next finer table, then evaluates the host alert rules
 * ({@link HostAlerts}). Rows are recomputed, never incremented: a second run, a run after a crash or
 * after a replay gives the same rows. A run that fails is rolled back, counted and retried with the
 * same look-back (the start of the last successful run is kept).
 */
public final class HostRollupJob implements AutoCloseable {
    static final CounterSpec RUNS = new CounterSpec("agentpulse_host_rollup_runs_total",
            "Host rollup job runs, by result (ok, skipped: another instance held the lock, failed: retried next run)", "result");
    static final CounterSpec MINUTES = new CounterSpec("agentpulse_host_rollup_recomputed_windows_total",
            "1-minute windows of heartbeats the host rollup job recomputed (each with its coarser windows)");
    private static final Logger LOG = LoggerFactory.getLogger(HostRollupJob.class);

    /** What one run did: whether it ran, the minutes it rebuilt and the alert events it published. */
    record Result(boolean ran, SortedSet<Long> minutes, int alertEvents) {}

    private final HostRollupStore store;
    private final HostRollupConfig config;
    private final Clock clock;
    private final HostAlerts alerts;
    private final MeterRegistry meters;
    private Instant lastStart; // start of the last successful run, null before the first
    private Periodic scheduler;
    private AutoCloseable resources = () -> {};

    HostRollupJob(HostRollupStore store, HostRollupConfig config, Clock clock, AlertPublisher publisher, MeterRegistry meters) {
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.alerts = publisher == null ? null : new HostAlerts(publisher, meters);
        this.meters = meters;
    }

    /**
     * Runs now and then every {@code config.every()} on a daemon thread, on PostgreSQL, publishing host
     * alerts with {@code producer} (null: alerting is off, host rules are not evaluated).
     */
    public static HostRollupJob start(javax.sql.DataSource ds, HostRollupConfig config,
                                      org.apache.kafka.clients.producer.Producer<String, io.agentpulse.avro.AlertEvent> producer,
                                      Clock clock, MeterRegistry meters) {
        KafkaAlertPublisher publisher = producer == null ? null : new KafkaAlertPublisher(producer);
        HostRollupJob job = new HostRollupJob(new PgHostRollupStore(ds), config, clock, publisher, meters);
        job.resources = publisher == null ? () -> {} : publisher;
        job.scheduler = Periodic.start("agentpulse-host-rollups", Duration.ZERO, config.every(), job::runOnce,
                e -> RUNS.counter(meters, "failed").increment());
        return job;
    }

    /** One run; throws when the database or the alert topic fails (nothing of the run is kept then). */
    synchronized Result runOnce() {
        Instant now = clock.instant();
        Instant since = lastStart == null ? now.minus(config.backfill()) : lastStart.minus(config.margin());
        Instant notBefore = now.minus(config.maxAge());
        SortedSet<Long> minutes = new TreeSet<>();
        int[] events = {0};
        boolean ran = store.run(tx -> {
            minutes.addAll(tx.minutesIngestedSince(since, notBefore));
            affected(minutes).forEach(tx::rebuild);
            events[0] = alerts == null ? 0 : alerts.evaluate(tx, now.toEpochMilli());
        });
        lastStart = now; // when skipped, the instance holding the lock did this work
        RUNS.counter(meters, ran ? "ok" : "skipped").increment();
        if (ran) {
            MINUTES.counter(meters).increment(minutes.size());
        }
        return new Result(ran, ran ? minutes : new TreeSet<>(), events[0]);
    }

    /** The windows of every granularity that contain one of the minutes, finest first (the rebuild order). */
    static Map<Granularity, SortedSet<Long>> affected(SortedSet<Long> minutes) {
        Map<Granularity, SortedSet<Long>> out = new EnumMap<>(Granularity.class);
        if (minutes.isEmpty()) {
            return out;
        }
        for (Granularity g : Granularity.values()) {
            SortedSet<Long> w = new TreeSet<>();
            minutes.forEach(m -> w.add(g.windowStart(m)));
            out.put(g, w);
        }
        return out;
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.close();
        }
        try {
            resources.close();
        } catch (Exception e) {
            LOG.debug("Closing the host alert publisher failed", e);
        }
    }
}
