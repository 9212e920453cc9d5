package io.agentpulse.processor.budget;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.ops.CounterSpec;
import io.agentpulse.contract.Granularity;
import io.agentpulse.processor.alert.AlertPublisher;
import io.agentpulse.processor.alert.KafkaAlertPublisher;
import io.agentpulse.processor.store.Periodic;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the budget rules (kind "budget": spend_day, spend_month, cost_per_call, cost_vs_usage) every
 * AGENTPULSE_BUDGET_EVERY over the rollup tables, beside the topology, which skips them: the tables hold
 * the whole day, month and baseline whenever the rule was created and whatever the stream's state, so a
 * rule created on the 20th of a month already over budget fires at its first run. Each run is one
 * transaction under the job's advisory lock (one instance at a time); alert states live in
 * budget_alert_state (V51) and commit with the run, after its events are published, so a restart or a
 * second run neither forgets nor repeats a firing (a failed publish rolls the run back; the next run
 * publishes again, at least once). RATIONALE-alerts.md says what it reads and what it costs.
 */
public final class BudgetJob implements AutoCloseable {
    static final CounterSpec RUNS = new CounterSpec("agentpulse_budget_runs_total",
            "Budget job runs, by result (ok, skipped: another instance held the lock, failed: retried next run)", "result");
    private static final Logger LOG = LoggerFactory.getLogger(BudgetJob.class);

    /** What one run did: whether it ran (held the lock) and the alert events it published. */
    record Result(boolean ran, int alertEvents) {}

    private final BudgetStore store;
    private final BudgetAlerts alerts;
    private final Clock clock;
    private final MeterRegistry meters;
    private Periodic scheduler;
    private AutoCloseable resources = () -> {};

    BudgetJob(BudgetStore store, List<Granularity> tables, AlertPublisher publisher, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.alerts = new BudgetAlerts(publisher, tables, meters);
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Runs now, then every {@code every} on the job thread, on PostgreSQL, publishing with
     * {@code producer} (acks=all, alert serde); it reads the rollup tables of {@code tables} only.
     */
    public static BudgetJob start(DataSource ds, Duration every, List<Granularity> tables, Producer<String, AlertEvent> producer,
                                  Clock clock, MeterRegistry meters) {
        KafkaAlertPublisher publisher = new KafkaAlertPublisher(producer);
        BudgetJob job = new BudgetJob(new PgBudgetStore(ds), tables, publisher, clock, meters);
        job.resources = publisher;
        job.scheduler = Periodic.start("agentpulse-budgets", Duration.ZERO, every, job::runOnce, e -> RUNS.counter(meters, "failed").increment());
        return job;
    }

    /** One run; throws when the database or the alert topic fails (nothing of the run is kept then). */
    synchronized Result runOnce() {
        long now = clock.millis();
        int[] events = {0};
        boolean ran = store.run(tx -> events[0] = alerts.evaluate(tx, now));
        RUNS.counter(meters, ran ? "ok" : "skipped").increment();
        return new Result(ran, events[0]);
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.close();
        }
        try {
            resources.close();
        } catch (Exception e) {
            LOG.debug("Closing the budget alert publisher failed", e);
        }
    }
}
