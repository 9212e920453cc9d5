package io.agentpulse.processor.topology;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.EventKind;
import io.agentpulse.avro.Status;
import io.agentpulse.contract.sketch.SketchCodec;

/**
 * The running aggregate of one group over one window: exact counters and sums, DDSketches of
 * latency and time-to-first-token (ms), and the user feedback of the window (FEEDBACK events: a
 * count, an exact sum and a fixed 10-bucket histogram of scores, apart from the calls' counters).
 * Mutable; owned by one stream task.
 */
final class Aggregate {
    long count;
    long errors;
    long inputTokens;
    long outputTokens;
    long cachedTokens;
    long reasoningTokens;
    /**
     * Cost in units of 1e-10 USD, an integer: sums of deltas then give the same total in any order
     * (a replay or a correction merges in another order than the live run, and a double's rounding
     * made equal counts with different costs, which the sink's upsert took as a change). Each event's
     * cost is rounded to 1e-10 USD; a long holds up to 9.2e8 USD per window.
     */
    long costUnits;
    static final double COST_UNITS_PER_USD = 1e10;
    DDSketch latency = SketchCodec.newSketch();
    DDSketch ttft; // null until an event carries a ttft
    /** FEEDBACK events; never part of {@link #count} (a score is not a call). */
    long feedbackCount;
    /** Sum of their scores in units of 1e-9 (an integer, exact in any merge order, as the cost). */
    long feedbackUnits;
    /**
     * Counts of scores per bucket of width 0.1 over [0, 1] (1.0 in the last), null until a score
     * came. Exact and merged by addition: a distribution over ten fixed buckets needs no sketch.
     */
    long[] feedbackBuckets;
    static final int FEEDBACK_BUCKETS = 10;
    static final double FEEDBACK_UNITS_PER_POINT = 1e9;
    /**
     * Failed calls by error type (issue 15: the errors view): exact counts, merged by addition, so a
     * coarser window or wider group is the sum of its parts like every other counter. Null until a
     * failed call arrives; its counts add up to {@link #errors} (a failure without a type counts as
     * {@value #UNTYPED}). Types are bounded per task before they get here (Cardinality, fold-in to
     * _other), so the map stays small.
     */
    java.util.TreeMap<String, Long> errorTypes;
    static final String UNTYPED = "_none";
    /**
     * {@link #encodeTo}'s bytes while nothing changed since: a window changed between two commits is
     * encoded twice otherwise (its snapshot to stage 2 and its changelog entry), and encoding the
     * sketches was ~15% of stage 1's CPU (JFR, EndToEndBench). Null after any change.
     */
    private byte[] encoded;
    /**
     * SketchCodec bytes of {@link #latency} and {@link #ttft} while they are unchanged (null: not
     * made yet): one encoding serves the changelog entry, the delta to stage 2 and the published
     * rollup (each encoded its own copy: sketch encoding was ~22% of the processor's CPU in
     * CoreCostProbe), and a decoded aggregate keeps the bytes it was read from. A new aggregate
     * starts with the shared bytes of an empty sketch, so an emptied window costs no encoding.
     */
    private byte[] latencyBytes = EMPTY_SKETCH;
    private byte[] ttftBytes;
    private static final byte[] EMPTY_SKETCH = SketchCodec.encode(SketchCodec.newSketch());

    /** One call; {@code errorType} is its (folded) error type when it failed, else ignored. */
    void add(AgentEvent e, double cost, String errorType) {
        encoded = null;
        if (e.getKind() == EventKind.FEEDBACK) {
            addFeedback(e.getFeedbackScore());
            return;
        }
        count++;
        if (e.getStatus() == Status.ERROR) {
            errors++;
            addErrors(errorType == null ? UNTYPED : errorType, 1);
        }
        inputTokens += orZero(e.getInputTokens());
        outputTokens += orZero(e.getOutputTokens());
        cachedTokens += orZero(e.getCachedInputTokens());
        reasoningTokens += orZero(e.getReasoningTokens());
        costUnits += Math.round(cost * COST_UNITS_PER_USD);
        if (e.getLatencyMs() != null) {
            latency.accept(e.getLatencyMs());
            latencyBytes = null;
        }
        if (e.getTtftMs() != null) {
            if (ttft == null) {
                ttft = SketchCodec.newSketch();
            }
            ttft.accept(e.getTtftMs());
            ttftBytes = null;
        }
    }

    /** One score in [0, 1] (EventCheck refused others). */
    private void addFeedback(double score) {
        if (feedbackBuckets == null) {
            feedbackBuckets = new long[FEEDBACK_BUCKETS];
        }
        feedbackCount++;
        feedbackUnits += Math.round(score * FEEDBACK_UNITS_PER_POINT);
        feedbackBuckets[Math.min(FEEDBACK_BUCKETS - 1, (int) (score * FEEDBACK_BUCKETS))]++;
    }

    /** True when no call and no feedback was added: nothing to send on. */
    boolean isEmpty() {
        return count == 0 && feedbackCount == 0;
    }

    private void addErrors(String type, long n) {
        if (errorTypes == null) {
            errorTypes = new java.util.TreeMap<>();
        }
        errorTypes.merge(type, n, Long::sum);
    }

    void merge(Aggregate o) {
        encoded = null;
        if (o.errorTypes != null) {
            o.errorTypes.forEach(this::addErrors);
        }
        count += o.count;
        errors += o.errors;
        inputTokens += o.inputTokens;
        outputTokens += o.outputTokens;
        cachedTokens += o.cachedTokens;
        reasoningTokens += o.reasoningTokens;
        costUnits += o.costUnits;
        if (!o.latency.isEmpty()) {
            boolean wasEmpty = latency.isEmpty();
            latency = mergeInto(latency, o.latency);
            latencyBytes = wasEmpty ? o.latencyBytes : null; // a copy of o's sketch has o's bytes
        }
        if (o.ttft != null) {
            boolean wasEmpty = ttft == null || ttft.isEmpty();
            ttft = mergeInto(ttft, o.ttft);
            ttftBytes = wasEmpty ? o.ttftBytes : null;
        }
        if (o.feedbackBuckets != null) {
            if (feedbackBuckets == null) {
                feedbackBuckets = new long[FEEDBACK_BUCKETS];
            }
            feedbackCount += o.feedbackCount;
            feedbackUnits += o.feedbackUnits;
            for (int i = 0; i < FEEDBACK_BUCKETS; i++) {
                feedbackBuckets[i] += o.feedbackBuckets[i];
            }
        }
    }

    /**
     * {@code to} plus {@code from}; a copy of {@code from} when {@code to} is empty or null. A group's
     * delta is new every emit, and merging into an empty dense store grew and re-centred its array
     * bin range by bin range (Arrays.fill under DDSketch.mergeWith: ~9% of the processor's CPU,
     * CoreCostProbe); a copy is one array copy and holds the same bins and counts.
     */
    private static DDSketch mergeInto(DDSketch to, DDSketch from) {
        if (to == null || to.isEmpty()) {
            return from.copy();
        }
        to.mergeWith(from);
        return to;
    }

    void encodeTo(Bin.Out out) {
        if (encoded == null) {
            Bin.Out own = new Bin.Out();
            encodeFresh(own);
            encoded = own.toBytes();
        }
        out.raw(encoded);
    }

    private void encodeFresh(Bin.Out out) {
        out.varLong(count).varLong(errors).varLong(inputTokens).varLong(outputTokens)
                .varLong(cachedTokens).varLong(reasoningTokens).varLong(costUnits)
                .bytes(latencyBytes());
        // flags: 1 = a ttft sketch follows, 2 = error types follow, 4 = feedback follows (an aggregate
        // saved before error types or feedback existed wrote 0 or 1 here, and still reads)
        out.varLong((ttft == null ? 0 : 1) | (errorTypes == null ? 0 : 2) | (feedbackBuckets == null ? 0 : 4));
        if (ttft != null) {
            out.bytes(ttftBytes());
        }
        if (errorTypes != null) {
            out.varLong(errorTypes.size());
            errorTypes.forEach((type, n) -> out.str(type).varLong(n));
        }
        if (feedbackBuckets != null) {
            out.varLong(feedbackCount).varLong(feedbackUnits);
            for (long b : feedbackBuckets) {
                out.varLong(b);
            }
        }
    }

    static Aggregate decodeFrom(Bin.In in) {
        Aggregate a = new Aggregate();
        a.count = in.varLong();
        a.errors = in.varLong();
        a.inputTokens = in.varLong();
        a.outputTokens = in.varLong();
        a.cachedTokens = in.varLong();
        a.reasoningTokens = in.varLong();
        a.costUnits = in.varLong();
        a.latencyBytes = in.bytes();
        a.latency = SketchCodec.decode(a.latencyBytes);
        long flags = in.varLong();
        if ((flags & 1) != 0) {
            a.ttftBytes = in.bytes();
            a.ttft = SketchCodec.decode(a.ttftBytes);
        }
        if ((flags & 2) != 0) {
            for (long n = in.varLong(); n > 0; n--) {
                a.addErrors(in.str(), in.varLong());
            }
        }
        if ((flags & 4) != 0) {
            a.feedbackCount = in.varLong();
            a.feedbackUnits = in.varLong();
            a.feedbackBuckets = new long[FEEDBACK_BUCKETS];
            for (int i = 0; i < FEEDBACK_BUCKETS; i++) {
                a.feedbackBuckets[i] = in.varLong();
            }
        }
        return a;
    }

    /** The latency sketch's SketchCodec bytes (shared: never modify them). */
    byte[] latencyBytes() {
        if (latencyBytes == null) {
            latencyBytes = SketchCodec.encode(latency);
        }
        return latencyBytes;
    }

    /** The ttft sketch's SketchCodec bytes (shared: never modify them), or null when there is none. */
    byte[] ttftBytes() {
        if (ttft != null && ttftBytes == null) {
            ttftBytes = SketchCodec.encode(ttft);
        }
        return ttft == null ? null : ttftBytes;
    }

    double costUsd() {
        return costUnits / COST_UNITS_PER_USD;
    }

    double feedbackSum() {
        return feedbackUnits / FEEDBACK_UNITS_PER_POINT;
    }

    private static long orZero(Long v) {
        return v == null ? 0L : v;
    }
}
