package io.agentpulse.processor.calls;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.agentpulse.contract.sketch.SketchCodec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Pure: the agent_calls rows of a set of calls (one per caller, callee and minute), in key order. */
final class Edges {
    static final long MINUTE_MS = 60_000;

    private Edges() {}

    private record Key(String caller, String callee, long windowStart) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = caller.compareTo(o.caller);
            if (c == 0) {
                c = callee.compareTo(o.callee);
            }
            return c != 0 ? c : Long.compare(windowStart, o.windowStart);
        }
    }

    private static final class Acc {
        long calls;
        long errors;
        double sum;
        Double max;
        final DDSketch sketch = SketchCodec.newSketch();
    }

    static List<EdgeMinute> of(Collection<AgentCall> calls) {
        Map<Key, Acc> byKey = new TreeMap<>();
        for (AgentCall c : calls) {
            Acc a = byKey.computeIfAbsent(new Key(c.caller(), c.callee(), Math.floorDiv(c.timeMs(), MINUTE_MS) * MINUTE_MS),
                    k -> new Acc());
            a.calls++;
            a.errors += c.error() ? 1 : 0;
            Double l = c.latencyMs();
            if (l != null && l >= 0 && !l.isInfinite()) { // NaN fails l >= 0
                a.sum += l;
                a.max = a.max == null ? l : Math.max(a.max, l);
                a.sketch.accept(l);
            }
        }
        List<EdgeMinute> out = new ArrayList<>(byKey.size());
        byKey.forEach((k, a) -> out.add(new EdgeMinute(k.caller(), k.callee(), k.windowStart(), a.calls, a.errors,
                (long) a.sketch.getCount(), a.sum, a.max, SketchCodec.encode(a.sketch))));
        return out;
    }
}
