package io.agentpulse.processor.retention;

import io.agentpulse.ops.CounterSpec;
import io.agentpulse.processor.store.Periodic;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces retention. Plain PostgreSQL: drops the partitions the {@link RetentionPolicy} names and
 * deletes expired rows that landed in a DEFAULT partition. TimescaleDB: (re)sets each table's
 * retention policy once (so TimescaleDB's scheduler drops chunks even while the processor is down)
 * and drops the chunks the same {@link RetentionPolicy} names by this job's clock, so retention
 * follows one rule on both storages (a slice goes once it ends at or before now - retention). {@link #start} runs it now and
 * then every {@code config.every()} on a daemon thread; a failed run is logged, counted
 * ({@code agentpulse_retention_failures_total}) and retried on the next run.
 */
public final class RetentionJob implements AutoCloseable {
    static final CounterSpec DROPPED = new CounterSpec("agentpulse_retention_partitions_dropped_total",
            "Time partitions dropped because they were older than their table's retention, by table", "table");
    static final CounterSpec DELETED = new CounterSpec("agentpulse_retention_rows_deleted_total",
            "Rows deleted from default partitions because they were older than their table's retention, by table", "table");
    static final CounterSpec FAILURES = new CounterSpec("agentpulse_retention_failures_total",
            "Retention runs that failed (retried at the next run)");
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    /** What one run removed. */
    public record Result(List<Partition> dropped, long defaultRowsDeleted) {}

    private final PartitionStore store;
    private final RetentionPolicy policy;
    private final MeterRegistry meters;
    private Periodic scheduler;
    private boolean policiesApplied;

    public RetentionJob(PartitionStore store, RetentionPolicy policy, MeterRegistry meters) {
        this.store = store;
        this.policy = policy;
        this.meters = meters;
    }

    public static RetentionJob start(PartitionStore store, RetentionConfig config, Clock clock, MeterRegistry meters) {
        RetentionJob job = new RetentionJob(store, new RetentionPolicy(config, clock), meters);
        job.scheduler = Periodic.start("agentpulse-retention", Duration.ZERO, config.every(), job::runOnce,
                e -> FAILURES.counter(meters).increment());
        return job;
    }

    /** One pass; throws RetentionException when the database fails (nothing is half-dropped: one DROP per partition). */
    public synchronized Result runOnce() {
        if ("timescaledb".equals(store.mode()) && !policiesApplied) {
            policy.retentions().forEach(store::applyPolicy);
            policiesApplied = true;
        }
        List<Partition> dropped = new ArrayList<>();
        for (Partition p : policy.toDrop(store.list())) {
            store.drop(p);
            dropped.add(p);
            DROPPED.counter(meters, p.table()).increment();
            LOG.info("Dropped partition {} ({} .. {}) of {}: older than its retention", p.name(), p.from(), p.to(), p.table());
        }
        long deleted = 0;
        for (String table : policy.retentions().keySet()) {
            Optional<Instant> cut = policy.cutoff(table);
            if (cut.isPresent()) {
                long n = store.deleteDefaultOlderThan(table, cut.get());
                DELETED.counter(meters, table).increment(n);
                deleted += n;
            }
        }
        return new Result(dropped, deleted);
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.close();
        }
    }
}
