package io.agentpulse.processor.topology;

import io.agentpulse.avro.WindowRollup;
import io.agentpulse.processor.Granularity;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stage 2, partitioned by series key (grp + dimensions), so N instances share it: adds stage 1's
 * 1-minute deltas into the open minute and publishes its running value at once. A minute closes when
 * every source that sent to it sent its final; its sum is then merged once into each coarser window
 * holding it (so per-event work does not depend on the granularities enabled). A delta for a window
 * that already closed (a late event) is a correction: the closed window and every coarser one take it
 * and are published again. Closed windows are kept for twice the lateness bound, so a source lagging
 * up to one bound behind the fastest still corrects them.
 *
 * <p>Time here is the latest end of a minute closed in this task (the sources' stream time minus
 * grace): a coarse window closes when it is reached. A source lagging behind it still lands in the
 * closed window as a correction, so totals are exact whatever the order; "final" is when they settle.
 */
final class RollupProcessor implements Processor<String, byte[], String, WindowRollup> {
    private final PulseMetrics metrics;
    private final List<Granularity> coarser;
    private final long latenessMs;
    private final long keepClosedMs;
    private final Duration sweepInterval;
    private ProcessorContext<String, WindowRollup> context;
    private MinuteWindows minutes;
    private WindowStores stored;
    private long closedUpTo = Long.MIN_VALUE;

    RollupProcessor(PulseMetrics metrics, List<Granularity> coarser, Duration lateness, Duration sweepInterval) {
        this.metrics = metrics;
        this.coarser = coarser;
        this.latenessMs = lateness.toMillis();
        this.keepClosedMs = 2 * latenessMs;
        this.sweepInterval = sweepInterval;
    }

    @Override
    public void init(ProcessorContext<String, WindowRollup> context) {
        this.context = context;
        CommitHookStore minuteStore = context.getStateStore(PulseTopology.MINUTE_STORE);
        this.minutes = new MinuteWindows(minuteStore.kv());
        minuteStore.beforeCommit(minutes::save);
        this.stored = new WindowStores(context.getStateStore(PulseTopology.COARSE_STORE), context.getStateStore(PulseTopology.CLOSED_STORE));
        context.schedule(sweepInterval, PunctuationType.WALL_CLOCK_TIME, this::sweep);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Bin.In in = new Bin.In(record.value());
        int source = (int) in.varLong();
        boolean isFinal = in.varLong() == 1;
        WindowKey key = WindowKey.decodeFrom(in);
        Aggregate delta = Aggregate.decodeFrom(in);
        MinuteWindows.Minute open = minutes.get(key);
        if (open == null) {
            WindowStores.Stored closed = stored.find(key);
            if (closed != null) {
                correct(closed, delta);
                return;
            }
        }
        MinuteWindows.Minute m = minutes.add(key, source, isFinal, delta);
        if (m.complete()) {
            close(m);
        } else {
            publish(key, m.sum, false);
        }
    }

    /** A late delta for a closed minute: it and every coarser window take it and are published again. */
    private void correct(WindowStores.Stored minute, Aggregate delta) {
        minute.sum().merge(delta);
        stored.putClosed(minute.key(), minute.sum());
        publish(minute.key(), minute.sum(), true);
        cascade(minute.key(), delta);
    }

    private void close(MinuteWindows.Minute m) {
        minutes.remove(m.key);
        stored.putClosed(m.key, m.sum);
        publish(m.key, m.sum, true);
        cascade(m.key, m.sum);
        closedUpTo = Math.max(closedUpTo, m.key.end());
    }

    /** Merges a closed minute's sum (or a correction's delta) into every coarser window holding it. */
    private void cascade(WindowKey minute, Aggregate add) {
        for (Granularity g : coarser) {
            WindowKey k = minute.at(g);
            WindowStores.Stored s = stored.find(k);
            Aggregate sum = s == null ? new Aggregate() : s.sum();
            sum.merge(add);
            // a window first touched by a correction after it was reached is closed at once
            boolean closed = s != null ? s.closed() : k.end() <= closedUpTo;
            if (closed) {
                stored.putClosed(k, sum);
            } else {
                stored.putOpen(k, sum);
            }
            publish(k, sum, closed);
        }
    }

    /** Closes the coarse windows reached by the closed minutes, forgets closed windows past their keep. */
    private void sweep(long wallClock) {
        if (closedUpTo == Long.MIN_VALUE) {
            return;
        }
        // a minute whose source stopped sending a lateness bound ago: its final is not coming
        for (MinuteWindows.Minute m : minutes.endingBy(closedUpTo - latenessMs)) {
            close(m);
        }
        for (WindowStores.Stored s : stored.openEndingBy(closedUpTo)) {
            stored.putClosed(s.key(), s.sum());
            publish(s.key(), s.sum(), true);
        }
        stored.purgeEndingBy(closedUpTo - keepClosedMs);
    }

    private void publish(WindowKey key, Aggregate sum, boolean isFinal) {
        long now = context.currentSystemTimeMs();
        context.forward(new Record<>(key.key(), Rollup.of(key, sum, isFinal, now), now));
        metrics.rollupEmitted();
    }
}
