package io.agentpulse.processor.topology;

import io.agentpulse.avro.WindowRollup;
import io.agentpulse.contract.Granularity;
import io.agentpulse.processor.config.ProcessorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stage 2, partitioned by series key (grp + dimensions), so N instances share it: adds stage 1's
 * 1-minute deltas into the open minute and publishes its running value at once. A minute closes when
 * every source that sent to it sent its final; its sum is then carried into the next coarser window
 * (1m into 5m, a closed 5m into 1h, and so on up the enabled granularities), so a series-minute costs
 * one coarse update whatever the number of granularities, and a coarse window is published once, as
 * final, when it closes: live views read minutes (docs/CONTRACTS.md). A delta for a window that
 * already closed (a late event) is a correction: the closed window takes it and is published again,
 * and the delta goes on up to the first window still open. Closed windows are kept for twice the
 * lateness bound, so a source lagging up to one bound behind the fastest still corrects them.
 *
 * <p>Time here is the latest end of a minute closed in this task (the sources' stream time minus
 * grace): a coarse window closes when it is reached. A source lagging behind it still lands in the
 * closed window as a correction, so totals are exact whatever the order; "final" is when they settle.
 */
final class RollupProcessor implements Processor<String, byte[], String, WindowRollup> {
    private final PulseMetrics metrics;
    private final List<Granularity> coarser;
    private final List<Granularity> chain; // 1m, then the coarser ones, finest first: each nests in the next
    private final long latenessMs;
    private final long keepClosedMs;
    private final long graceMs;
    private final Duration sweepInterval;
    private final long roundMs;
    private ProcessorContext<String, WindowRollup> context;
    private MinuteWindows minutes;
    private WindowStores stored;
    private long closedUpTo = Long.MIN_VALUE;
    private long lastRecordWall; // wall clock when this task last read a record (activity, not progress)
    // Quiet fleet: when this task read nothing for a grace period, its coarse windows close by the wall
    // clock minus two graces (stage 1's stream time lags the wall clock by a grace when idle, and a
    // minute closes a grace after its end), so an hour is published when a fleet went quiet in it. Only
    // closing uses it: purging and force-closing follow the data (closedUpTo), as a replay of old
    // events can look idle here while stage 1 still reads them. A minute that closes later lands in
    // a coarse window closed this way as a correction.
    private long idleUpTo = Long.MIN_VALUE;
    private long forceCheckedUpTo = Long.MIN_VALUE / 2; // see sweep(); halved so that + 60 s cannot overflow
    // A minute's running value goes out at once unless it went out less than a round (a quarter emit
    // interval) ago; then it waits here for the next round. A group window gets one delta per stage-1
    // partition per emit, nearly together: this makes them ~2 rollups a second, not one per partition,
    // so the rollup count does not grow with the partitions. Not saved: after a crash a minute's
    // running value waits for its next delta or its final.
    private final Set<WindowKey> changed = new LinkedHashSet<>();

    RollupProcessor(PulseMetrics metrics, ProcessorConfig config) {
        this.metrics = metrics;
        this.coarser = config.coarser();
        List<Granularity> all = new ArrayList<>();
        all.add(Granularity.MINUTE);
        all.addAll(coarser);
        this.chain = List.copyOf(all);
        this.latenessMs = config.lateness().toMillis();
        this.keepClosedMs = 2 * latenessMs;
        this.graceMs = config.grace().toMillis();
        this.sweepInterval = config.emitInterval();
        this.roundMs = Math.max(10, sweepInterval.toMillis() / 4);
    }

    @Override
    public void init(ProcessorContext<String, WindowRollup> context) {
        this.context = context;
        CommitHookStore minuteStore = context.getStateStore(PulseTopology.MINUTE_STORE);
        this.minutes = new MinuteWindows(minuteStore.kv());
        minuteStore.release();
        minuteStore.beforeCommit(minutes::save);
        this.stored = new WindowStores(context.getStateStore(PulseTopology.COARSE_STORE), context.getStateStore(PulseTopology.CLOSED_STORE));
        this.closedUpTo = stored.latestClosedMinuteEnd(); // the closed store outlives a restart
        this.lastRecordWall = context.currentSystemTimeMs(); // a restarted task gets a full grace to read its backlog
        context.schedule(sweepInterval, PunctuationType.WALL_CLOCK_TIME, this::sweep);
        context.schedule(Duration.ofMillis(roundMs), PunctuationType.WALL_CLOCK_TIME, this::publishChanged);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        lastRecordWall = context.currentSystemTimeMs();
        Bin.In in = new Bin.In(record.value());
        int source = (int) in.varLong();
        boolean isFinal = in.varLong() == 1;
        WindowKey key = WindowKey.decodeFrom(in);
        Aggregate delta = Aggregate.decodeFrom(in);
        MinuteWindows.Minute open = minutes.get(key);
        // a minute ending after every closed one cannot be closed: no store lookup (RocksDB and its
        // record cache were 5% of the stream thread, once per new series-minute)
        if (open == null && key.end() <= closedUpTo) {
            WindowStores.Stored closed = stored.find(key);
            if (closed != null) {
                correct(closed, delta);
                return;
            }
        }
        MinuteWindows.Minute m = minutes.add(key, source, isFinal, delta);
        if (m.complete()) {
            close(m);
        } else if (context.currentSystemTimeMs() - m.publishedAt >= roundMs) {
            publish(m);
        } else {
            changed.add(key);
        }
    }

    /** A late delta for a closed minute: it is published again and the delta carried up. */
    private void correct(WindowStores.Stored minute, Aggregate delta) {
        minute.sum().merge(delta);
        stored.putClosed(minute.key(), minute.sum());
        publish(minute.key(), minute.sum(), true);
        carryUp(minute.key(), delta, true);
    }

    private void close(MinuteWindows.Minute m) {
        minutes.remove(m.key);
        changed.remove(m.key); // its final says it all
        stored.putClosed(m.key, m.sum);
        publish(m.key, m.sum, true);
        carryUp(m.key, m.sum, true);
        closedUpTo = Math.max(closedUpTo, m.key.end());
    }

    /**
     * Adds a closed window's sum (or a correction's delta) to the next coarser window holding it. An
     * open (or new) one keeps it until it closes, unless it is already due ({@code closeDue}: its end
     * reached, as for a late minute of a new series): then it closes now and its whole sum goes up. A
     * closed one is corrected, published again, and the delta goes one level further up. The sweep
     * passes closeDue false: it closes due windows itself, level by level, each once.
     */
    private void carryUp(WindowKey closedWindow, Aggregate add, boolean closeDue) {
        WindowKey child = closedWindow;
        Aggregate carry = add;
        for (int i = chain.indexOf(child.granularity()) + 1; i < chain.size(); i++) {
            WindowKey k = child.at(chain.get(i));
            WindowStores.Stored s = stored.find(k);
            Aggregate sum = s == null ? new Aggregate() : s.sum();
            sum.merge(carry);
            if (s == null || !s.closed()) {
                if (!closeDue || k.end() > reached()) {
                    stored.putOpen(k, sum);
                    return;
                }
                carry = sum; // none of it went up while it was open
            }
            stored.putClosed(k, sum);
            publish(k, sum, true);
            child = k;
        }
    }

    /** How far coarse windows are due: the latest closed minute's end, or the idle wall clock's. */
    private long reached() {
        return Math.max(closedUpTo, idleUpTo);
    }

    /**
     * Closes the coarse windows reached by the closed minutes (or by the wall clock when this task is
     * idle), finest granularity first (a 5m window closing at 10:00 carries its sum into the 1h window
     * ending then, which closes next), and forgets closed windows past their keep.
     */
    private void sweep(long wallClock) {
        if (wallClock - lastRecordWall >= graceMs) {
            idleUpTo = Math.max(idleUpTo, Granularity.MINUTE.windowStart(wallClock - 2 * graceMs));
        }
        if (closedUpTo != Long.MIN_VALUE && closedUpTo - latenessMs >= forceCheckedUpTo + 60_000) {
            // a minute whose source stopped sending a lateness bound ago: its final is not coming
            // (looked for once per minute of progress: it walks every open minute)
            forceCheckedUpTo = closedUpTo - latenessMs;
            for (MinuteWindows.Minute m : minutes.endingBy(forceCheckedUpTo)) {
                close(m);
            }
        }
        for (Granularity g : coarser) {
            for (WindowStores.Stored s : stored.openEndingBy(reached(), g)) {
                stored.putClosed(s.key(), s.sum());
                publish(s.key(), s.sum(), true);
                carryUp(s.key(), s.sum(), false);
            }
        }
        if (closedUpTo != Long.MIN_VALUE) {
            stored.purgeEndingBy(closedUpTo - keepClosedMs);
        }
    }

    private void publishChanged(long wallClock) {
        for (WindowKey k : changed) {
            MinuteWindows.Minute m = minutes.get(k);
            if (m != null) {
                publish(m);
            }
        }
        changed.clear();
    }

    private void publish(MinuteWindows.Minute m) {
        m.publishedAt = context.currentSystemTimeMs();
        publish(m.key, m.sum, false);
    }

    private void publish(WindowKey key, Aggregate sum, boolean isFinal) {
        long now = context.currentSystemTimeMs();
        context.forward(new Record<>(key.key(), Rollup.of(key, sum, isFinal, now), now));
        metrics.rollupEmitted();
    }
}
