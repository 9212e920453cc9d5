package io.agentpulse.processor.pricing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the processor's {@link PriceBook} in step with price_versions: at start it stores the catalog
 * file's versions (idempotently) and reads every version; then every {@link #POLL} it reads them again
 * (a small table: one row per pattern and version) and runs the waiting repricing jobs with the fresh
 * book. Stage 1 reads {@link #get()} per event, so a version an admin adds prices events within a poll,
 * without a restart. Why a poll and not a compacted topic like the rules: PostgreSQL is already the
 * store of record for versions (history, audit, repricing read it), a poll of a few hundred rows every
 * 5 s costs nothing, and the repricing job needs the database anyway; a topic would add a second copy
 * to keep consistent. A failed poll keeps the last book and is retried (logged once per failure run).
 */
public final class PriceSync implements Supplier<PriceBook>, AutoCloseable {
    static final Duration POLL = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(PriceSync.class);

    private final PriceStore store;
    private final Repricer repricer;
    private final AtomicReference<PriceBook> book;
    private final ScheduledExecutorService timer;
    private boolean failing;

    private PriceSync(PriceStore store, Repricer repricer, PriceBook first, ScheduledExecutorService timer) {
        this.store = store;
        this.repricer = repricer;
        this.book = new AtomicReference<>(first);
        this.timer = timer;
    }

    /** Seeds the file's versions, reads the book and starts the poll (null repricer: no jobs run here). */
    public static PriceSync start(PriceStore store, List<PriceVersion> fileVersions, Repricer repricer) {
        int added = store.seed(fileVersions);
        LOG.info("Price catalog: {} of {} file versions were new", added, fileVersions.size());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agentpulse-prices");
            t.setDaemon(true);
            return t;
        });
        PriceSync sync = new PriceSync(store, repricer, new PriceBook(store.all()), timer);
        timer.scheduleWithFixedDelay(sync::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
        return sync;
    }

    @Override
    public PriceBook get() {
        return book.get();
    }

    /** One poll: refresh the book, then run every waiting repricing job with it. Public for tests. */
    void poll() {
        try {
            PriceBook fresh = new PriceBook(store.all());
            book.set(fresh);
            if (repricer != null) {
                for (int i = 0; i < 10 && repricer.runNext(fresh) >= 0; i++) {
                    // bounded per poll, so the book is refreshed between long runs of jobs
                }
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("Price poll failed (keeping the last {} versions): {}", book.get().size(), e.toString());
            }
            failing = true;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
