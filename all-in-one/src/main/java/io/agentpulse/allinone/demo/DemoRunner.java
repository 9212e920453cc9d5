package io.agentpulse.allinone.demo;

import io.agentpulse.avro.AgentEvent;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drives a {@link DemoFleet} from a clock, every {@link #TICK_MS} ms, into a publisher. */
public final class DemoRunner implements AutoCloseable {
    static final long TICK_MS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(DemoRunner.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-fleet");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong published = new AtomicLong();

    private DemoRunner() {}

    /** Starts ticking at once; a publisher failure is logged and the fleet goes on. */
    public static DemoRunner start(DemoFleet fleet, Clock clock, Consumer<AgentEvent> publisher) {
        DemoRunner runner = new DemoRunner();
        runner.scheduler.scheduleAtFixedRate(() -> {
            try {
                for (AgentEvent e : fleet.tick(clock.instant())) {
                    publisher.accept(e);
                    runner.published.incrementAndGet();
                }
            } catch (RuntimeException e) {
                LOG.warn("The demo fleet could not publish this tick: {}", e.toString());
            }
        }, 0, TICK_MS, TimeUnit.MILLISECONDS);
        return runner;
    }

    public long published() {
        return published.get();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
