package io.agentpulse.query.store;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.agentpulse.query.plan.Filters;
import io.agentpulse.contract.Granularity;
import io.agentpulse.contract.sketch.SketchCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Synthetic events of a small fleet, rolled up the way the processor does (1m windows, five
 * groups, '*' for dropped dimensions), with the raw events kept to compute exact answers.
 */
public final class TestFleet {
    public static final List<String> AGENTS = List.of("a1", "a2", "a3");
    public static final List<String> MODELS = List.of("m1", "m2");
    public static final List<String> OPERATIONS = List.of("chat", "embeddings");
    /** 2026-11-20T00:00:00Z: a day boundary. */
    public static final long T0 = 1_795_132_800_000L;

    public record Event(String agent, String model, String operation, long timeMs, double latencyMs,
                        boolean error, long input, long output, long cached, double cost) {
        /** A failed call's type, derived from its other fields (no extra draw: the fleet stays the same). */
        public String errorType() {
            return !error ? null : latencyMs > 400 ? "Timeout" : input % 3 == 0 ? "_none" : "RateLimitError";
        }
    }

    /** A user score (FEEDBACK event) of a call: same agent, model, operation and minute as the call. */
    public record Score(String agent, String model, String operation, long timeMs, double score) {}

    public final List<Event> events = new ArrayList<>();
    public final List<Score> scores = new ArrayList<>();

    /** minutes of data from T0, events per series per minute drawn from 0..maxPerMinute. */
    public TestFleet(int minutes, int maxPerMinute, long seed) {
        this(T0, minutes, maxPerMinute, seed);
    }

    /** The same from startMs (epoch ms, on a minute edge). */
    public TestFleet(long startMs, int minutes, int maxPerMinute, long seed) {
        Random rnd = new Random(seed);
        for (int m = 0; m < minutes; m++) {
            for (String a : AGENTS) {
                for (String mo : MODELS) {
                    for (String op : OPERATIONS) {
                        int n = rnd.nextInt(maxPerMinute + 1);
                        for (int i = 0; i < n; i++) {
                            double lat = Math.exp(5 + rnd.nextGaussian() * (a.equals("a3") ? 1.2 : 0.6));
                            long in = rnd.nextInt(2000);
                            events.add(new Event(a, mo, op, startMs + m * 60_000L + rnd.nextInt(60_000), lat,
                                    rnd.nextInt(20) == 0, in, rnd.nextInt(500), in / 3, in * 1e-6 + 0.0001 * i));
                        }
                    }
                }
            }
        }
        // A quarter of the calls scored, from their own generator: the events are those of before.
        Random scoring = new Random(seed * 31 + 1);
        for (Event e : events) {
            if (scoring.nextInt(4) == 0) {
                long minute = Math.floorDiv(e.timeMs(), 60_000L) * 60_000L;
                scores.add(new Score(e.agent(), e.model(), e.operation(), minute + 59_999, Math.min(1.0, scoring.nextInt(11) / 10.0)));
            }
        }
    }

    /** The events of both fleets, as one fleet (rolled up together: a window both touch is one row). */
    public TestFleet with(TestFleet other) {
        TestFleet both = new TestFleet(T0, 0, 0, 0);
        both.events.addAll(events);
        both.events.addAll(other.events);
        both.scores.addAll(scores);
        both.scores.addAll(other.scores);
        return both;
    }

    /** The 1m rollup rows of all five groups. */
    public List<RollupRow> rows() {
        return rows(Granularity.MINUTE);
    }

    /** The rows of every table (1m, 1h, 1d), each built from the raw events as the processor does. */
    public List<RollupRow> allRows() {
        List<RollupRow> all = new ArrayList<>();
        for (Granularity g : Granularity.values()) {
            all.addAll(rows(g));
        }
        return all;
    }

    /** The rollup rows of one table, all five groups: one sketch of the window's raw latencies each. */
    public List<RollupRow> rows(Granularity g) {
        Map<String, List<Event>> byKey = new HashMap<>();
        for (Event e : events) {
            long w = Math.floorDiv(e.timeMs(), g.millis()) * g.millis();
            for (String grp : List.of("series", "agent", "model", "operation", "all")) {
                String a = grp.equals("series") || grp.equals("agent") ? e.agent() : "*";
                String mo = grp.equals("series") || grp.equals("model") ? e.model() : "*";
                String op = grp.equals("series") || grp.equals("operation") ? e.operation() : "*";
                byKey.computeIfAbsent(String.join("|", grp, a, mo, op, Long.toString(w)), k -> new ArrayList<>()).add(e);
            }
        }
        Map<String, List<Score>> scored = new HashMap<>();
        for (Score s : scores) {
            long w = Math.floorDiv(s.timeMs(), g.millis()) * g.millis();
            for (String grp : List.of("series", "agent", "model", "operation", "all")) {
                String a = grp.equals("series") || grp.equals("agent") ? s.agent() : "*";
                String mo = grp.equals("series") || grp.equals("model") ? s.model() : "*";
                String op = grp.equals("series") || grp.equals("operation") ? s.operation() : "*";
                scored.computeIfAbsent(String.join("|", grp, a, mo, op, Long.toString(w)), k -> new ArrayList<>()).add(s);
            }
        }
        List<RollupRow> rows = new ArrayList<>();
        byKey.forEach((k, list) -> {
            String[] p = k.split("\\|");
            rows.add(row(g, p[0], p[1], p[2], p[3], Long.parseLong(p[4]), list, scored.get(k)));
        });
        return rows;
    }

    private static RollupRow row(Granularity g, String grp, String a, String mo, String op, long w, List<Event> list,
                                 List<Score> scored) {
        DDSketch s = SketchCodec.newSketch();
        long errors = 0;
        long in = 0;
        long out = 0;
        long cached = 0;
        double cost = 0;
        for (Event e : list) {
            s.accept(e.latencyMs());
            errors += e.error() ? 1 : 0;
            in += e.input();
            out += e.output();
            cached += e.cached();
            cost += e.cost();
        }
        Map<String, Long> types = new java.util.TreeMap<>();
        list.stream().filter(Event::error).forEach(e -> types.merge(e.errorType(), 1L, Long::sum));
        return new RollupRow(g, grp, a, mo, op, w, list.size(), errors, in, out, cached, cost,
                SketchCodec.encode(s), types, feedback(scored));
    }

    /** As the processor sums them: count, sum, and scores per bucket of 0.1 (1.0 in the last); null without any. */
    static RollupRow.Feedback feedback(List<Score> scored) {
        if (scored == null || scored.isEmpty()) {
            return null;
        }
        long[] hist = new long[10];
        double sum = 0;
        for (Score s : scored) {
            hist[Math.min(9, (int) (s.score() * 10))]++;
            sum += s.score();
        }
        return new RollupRow.Feedback(scored.size(), sum, hist);
    }

    public List<Event> select(Filters f, long from, long to) {
        Predicate<Event> p = e -> {
            long w = Math.floorDiv(e.timeMs(), 60_000L) * 60_000L;
            return w >= from && w < to
                    && (f.agent() == null || f.agent().equals(e.agent()))
                    && (f.model() == null || f.model().equals(e.model()))
                    && (f.operation() == null || f.operation().equals(e.operation()));
        };
        return events.stream().filter(p).toList();
    }

    /** The scores whose minute lies in [from, to) matching the filters. */
    public List<Score> selectScores(Filters f, long from, long to) {
        return scores.stream().filter(s -> {
            long w = Math.floorDiv(s.timeMs(), 60_000L) * 60_000L;
            return w >= from && w < to && (f.agent() == null || f.agent().equals(s.agent()))
                    && (f.model() == null || f.model().equals(s.model()))
                    && (f.operation() == null || f.operation().equals(s.operation()));
        }).toList();
    }

    /** The exact values bracketing rank q(n-1), for a 1%-relative check. */
    public static double[] exactBracket(List<Event> list, double q) {
        double[] v = list.stream().mapToDouble(Event::latencyMs).toArray();
        Arrays.sort(v);
        double rank = q * (v.length - 1);
        return new double[] {v[(int) Math.floor(rank)], v[(int) Math.ceil(rank)]};
    }
}
