package io.agentpulse.processor.topology;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.Status;
import io.agentpulse.schemas.sketch.SketchCodec;

/**
 * The running aggregate of one group over one window: exact counters and sums, DDSketches of
 * latency and time-to-first-token (ms). Mutable; owned by one stream task.
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

    /** One call; {@code errorType} is its (folded) error type when it failed, else ignored. */
    void add(AgentEvent e, double cost, String errorType) {
        encoded = null;
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
        }
        if (e.getTtftMs() != null) {
            if (ttft == null) {
                ttft = SketchCodec.newSketch();
            }
            ttft.accept(e.getTtftMs());
        }
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
        latency.mergeWith(o.latency);
        if (o.ttft != null) {
            if (ttft == null) {
                ttft = SketchCodec.newSketch();
            }
            ttft.mergeWith(o.ttft);
        }
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
                .bytes(SketchCodec.encode(latency));
        // flags: 1 = a ttft sketch follows, 2 = error types follow (an aggregate saved before error
        // types existed wrote 0 or 1 here, and still reads)
        out.varLong((ttft == null ? 0 : 1) | (errorTypes == null ? 0 : 2));
        if (ttft != null) {
            out.bytes(SketchCodec.encode(ttft));
        }
        if (errorTypes != null) {
            out.varLong(errorTypes.size());
            errorTypes.forEach((type, n) -> out.str(type).varLong(n));
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
        a.latency = SketchCodec.decode(in.bytes());
        long flags = in.varLong();
        a.ttft = (flags & 1) == 0 ? null : SketchCodec.decode(in.bytes());
        if ((flags & 2) != 0) {
            for (long n = in.varLong(); n > 0; n--) {
                a.addErrors(in.str(), in.varLong());
            }
        }
        return a;
    }

    double costUsd() {
        return costUnits / COST_UNITS_PER_USD;
    }

    private static long orZero(Long v) {
        return v == null ? 0L : v;
    }
}
