package io.agentpulse.processor.store;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the processor's background jobs (host rollups, retention, prices, budgets, call graph)
 * run: one named daemon thread, a fixed delay between the end of a run and the start of the next (a
 * slow run never overlaps itself), and a run that throws is logged and retried on the next tick; the
 * job counts its own failures. {@link #close} stops the thread and waits up to 10 s for a run in flight.
 */
public final class Periodic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Periodic.class);
    private final ScheduledExecutorService scheduler;

    private Periodic(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Runs {@code run} after {@code firstDelay}, then every {@code every} after each run ends, on a thread
     * named {@code thread}; {@code onFailure} sees a run's exception (it counts it, the thread logs it).
     */
    public static Periodic start(String thread, Duration firstDelay, Duration every, Runnable run,
                                 java.util.function.Consumer<RuntimeException> onFailure) {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, thread);
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(() -> {
            try {
                run.run();
            } catch (RuntimeException e) {
                onFailure.accept(e);
                LOG.warn("{} run failed; retrying on the next run: {}", thread, e.getMessage());
            }
        }, firstDelay.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return new Periodic(s);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
