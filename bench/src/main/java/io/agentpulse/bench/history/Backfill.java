package io.agentpulse.bench.history;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * Writes synthetic history straight into the rollup tables (COPY), in the shape the processor's
 * sink writes: one row per (group, dimensions, window), final, with a DDSketch of latency.
 * What is written (consistent with the default retention, minus the minute rows nobody reads):
 * <ul>
 *   <li>rollup_4w, rollup_1w, rollup_1d: groups all, operation, model, agent and series for {@code days} days
 *       (the first 4-week and week windows start up to 27 and 6 days earlier: whole windows);</li>
 *   <li>rollup_1h: groups all, operation, model and agent for {@code days} days;</li>
 *   <li>rollup_5m and rollup_1m: groups all, operation and model for 30 days, agent for {@code agentMinuteDays}.</li>
 * </ul>
 * Work is split into (table, group, month) jobs run on {@code threads} connections.
 */
final class Backfill {
    static final long MINUTE = 60_000L;
    static final long HOUR = 3_600_000L;
    static final long DAY = 86_400_000L;
    static final long WEEK = 7 * DAY;
    static final long FOUR_WEEKS = 28 * DAY;

    private final Fleet fleet;
    private final SketchPool pool;
    private final long endMs;
    private final Map<String, Long> rows = new TreeMap<>();

    Backfill(Fleet fleet, long endMs) {
        this.fleet = fleet;
        this.pool = new SketchPool(fleet.models);
        this.endMs = endMs;
    }

    /** A slice of work: one table, one group, windows starting in [fromMs, toMs). */
    record Job(String table, long lenMs, String grp, long fromMs, long toMs) {}

    static List<Job> plan(long endMs, int days, int minuteDays, int agentMinuteDays) {
        List<Job> jobs = new ArrayList<>();
        for (String grp : List.of("all", "operation", "model", "agent", "series")) {
            add(jobs, "rollup_4w", FOUR_WEEKS, grp, endMs, days);
            add(jobs, "rollup_1w", WEEK, grp, endMs, days);
            add(jobs, "rollup_1d", DAY, grp, endMs, days);
            if (!grp.equals("series")) {
                add(jobs, "rollup_1h", HOUR, grp, endMs, days);
                add(jobs, "rollup_5m", 5 * MINUTE, grp, endMs, grp.equals("agent") ? agentMinuteDays : minuteDays);
                add(jobs, "rollup_1m", MINUTE, grp, endMs, grp.equals("agent") ? agentMinuteDays : minuteDays);
            }
        }
        return jobs;
    }

    private static void add(List<Job> jobs, String table, long len, String grp, long endMs, int days) {
        long from = Math.floorDiv(endMs - days * DAY, len) * len;
        long slice = Math.max(1, 30 * DAY / len) * len; // jobs of about a month, in whole windows
        for (long lo = from; lo < endMs; lo += slice) {
            jobs.add(new Job(table, len, grp, lo, Math.min(endMs, lo + slice)));
        }
    }

    /** Runs every job; returns rows written per "table/group". */
    Map<String, Long> run(DataSource ds, List<Job> jobs, int threads) throws Exception {
        ExecutorService exec = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Job j : jobs) {
                done.add(exec.submit(() -> {
                    long n = write(ds, j);
                    synchronized (rows) {
                        rows.merge(j.table() + "/" + j.grp(), n, Long::sum);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            exec.shutdown();
        }
        return rows;
    }

    private long write(DataSource ds, Job j) throws SQLException, IOException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long n;
            try (RollupCopy copy = new RollupCopy(c, j.table())) {
                for (long s = j.fromMs(); s < j.toMs(); s += j.lenMs()) {
                    window(copy, j, s);
                }
                n = copy.rows();
            }
            c.commit();
            return n;
        }
    }

    private void window(RollupCopy copy, Job j, long start) throws IOException {
        double perAgent = fleet.agentCalls(start, Math.min(j.lenMs(), endMs - start));
        switch (j.grp()) {
            case "all" -> mix(copy, j, start, "all", "*", "*", "*", perAgent * fleet.agents);
            case "operation" -> mix(copy, j, start, "operation", "*", "*", Fleet.OPERATION, perAgent * fleet.agents);
            case "model" -> {
                for (int m = 0; m < fleet.models; m++) {
                    one(copy, j, start, "model", "*", m, "*", perAgent * fleet.agents * fleet.modelShare(m));
                }
            }
            case "agent" -> {
                for (int a = 0; a < fleet.agents; a++) {
                    mix(copy, j, start, "agent", Fleet.agentId(a), "*", "*", perAgent * fleet.agentFactor(a));
                }
            }
            default -> {
                for (int a = 0; a < fleet.agents; a++) {
                    for (int m = 0; m < fleet.models; m++) {
                        one(copy, j, start, "series", Fleet.agentId(a), m, Fleet.OPERATION,
                                perAgent * fleet.agentFactor(a) * fleet.modelShare(m));
                    }
                }
            }
        }
    }

    private void one(RollupCopy copy, Job j, long start, String grp, String agent, int m, String op, double calls)
            throws IOException {
        long count = Math.round(calls);
        if (count <= 0) {
            return;
        }
        copy.row(grp, agent, fleet.model(m), op, start, j.lenMs(), count, Math.round(count * Fleet.errorRate(m)),
                Fleet.inputTokens(count, m), Fleet.outputTokens(count, m), count * fleet.costPerCall(m), pool.get(m, count));
    }

    /** A row over every model (the fleet's model mix). */
    private void mix(RollupCopy copy, Job j, long start, String grp, String agent, String model, String op, double calls)
            throws IOException {
        long count = Math.round(calls);
        if (count <= 0) {
            return;
        }
        double errors = 0;
        double in = 0;
        double out = 0;
        double cost = 0;
        for (int m = 0; m < fleet.models; m++) {
            double c = count * fleet.modelShare(m);
            errors += c * Fleet.errorRate(m);
            in += Fleet.inputTokens(1, m) * c;
            out += Fleet.outputTokens(1, m) * c;
            cost += fleet.costPerCall(m) * c;
        }
        copy.row(grp, agent, model, op, start, j.lenMs(), count, Math.round(errors), Math.round(in), Math.round(out),
                cost, pool.get(-1, count));
    }
}
