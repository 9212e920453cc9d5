package io.agentpulse.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The markdown section of {@link SteadyBench}: the summary line first (a miss is said there), then the tables. */
final class SteadyReport {
    private static final int TARGET = 30_000;

    private SteadyReport() {}

    static String render(String via, String granularities, int seconds, double raw, List<SteadyRun.Result> results, String loadStart, String loadEnd) {
        SteadyRun.Result best = null;
        for (SteadyRun.Result r : results) {
            if (r.held() && (best == null || r.rate() > best.rate())) {
                best = r;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(summary(best, raw, results)).append("\n\n");
        sb.append(String.format("All-in-one in this JVM (embedded KRaft broker as a child JVM, registry, PostgreSQL, processor with "
                + "`%s`, gateway, query API), the load generator too, sending through %s; 1000 agents x 10 models x 3 operations; %d s per rate; "
                + "load average %s at the start, %s at the end. Kafka's ProducerPerformance on the same broker, 2,000,000 records "
                + "of 200 B with our producer settings: **%,.0f records/s**.%n%n", granularities, via, seconds, loadStart, loadEnd, raw));
        List<List<String>> rows = new ArrayList<>();
        for (SteadyRun.Result r : results) {
            double[] f = r.freshness();
            rows.add(List.of(String.format("%,d", r.rate()), r.held() ? "**held**" : "**missed**", String.format("%,d", r.sent()),
                    String.format("%,d", r.maxLag()), String.format("%,d", r.lagAtEnd()),
                    r.mismatches() == 0 ? "equal (" + r.agentMinutes() + " agent-minutes)" : r.mismatches() + " of " + r.agentMinutes() + " differ",
                    Double.isInfinite(r.drainSeconds()) ? "timed out (60 s)" : String.format("%.1f s", r.drainSeconds()),
                    String.format("%s / %s (%d missed)", ms(f[0]), ms(f[1]), (long) f[3]),
                    perMillion(r, r.streamCpuPerMillion()), perMillion(r, r.sinkCpuPerMillion()),
                    perMillion(r, r.processCpuPerMillion()), machine(r), String.format("%,d / %,d", r.rssMiB(), r.pssMiB()),
                    String.format("%.3f", r.rate() / raw)));
        }
        sb.append(BenchReadme.table(List.of("offered events/s", "verdict", "sent", "max lag (last 30 s)", "lag at end",
                "oracle (count, tokens per agent-minute)", "to equal after the end", "freshness p50 / p99",
                "stream threads CPU-s per 1M", "sink CPU-s per 1M", "JVM CPU-s per 1M (incl. load generator)",
                "machine CPU-s per 1M: JVM + broker + PostgreSQL", "RSS / PSS MiB (JVM + broker + PostgreSQL)",
                "rate / raw producer"), rows));
        results.stream().filter(r -> !r.stages().isEmpty()).findFirst().ifPresent(r -> sb.append(stages(r)));
        return sb.toString();
    }

    private static String summary(SteadyRun.Result best, double raw, List<SteadyRun.Result> results) {
        String ceiling = results.stream().filter(r -> r.mismatches() == 0).min((a, b) -> Double.compare(a.machineCpuPerMillion(),
                b.machineCpuPerMillion())).map(SteadyReport::ceiling).orElse("no rate was counted in full, so no cost per event is known");
        if (best == null) {
            return "**Summary: no offered rate was held; the target of 30,000 events/s is missed.** " + ceiling + ".";
        }
        String verdict = best.rate() >= TARGET ? "meets" : "**misses**";
        return String.format("**Summary: highest rate held %,d events/s (%s the 30,000 target; %.3f of the raw producer), "
                + "freshness p99 %s at that rate, RSS %,d MiB (PSS %,d MiB).** %s.", best.rate(), verdict, best.rate() / raw,
                ms(best.freshness()[1]), best.rssMiB(), best.pssMiB(), ceiling);
    }

    /**
     * What the cheapest fully counted run's cost per event allows on this machine: its cores divided by the
     * CPU every process spent per event (this JVM with the load generator, the broker, PostgreSQL), i.e. the
     * rate at which the machine would be 100% busy; and what 30,000 events/s would need at that cost.
     */
    private static String ceiling(SteadyRun.Result r) {
        int cores = Runtime.getRuntime().availableProcessors();
        double machine = r.machineCpuPerMillion();
        return String.format("Ceiling at the lowest measured cost (%,d events/s): %.0f CPU-s per million events on the whole machine "
                + "(this JVM %.0f incl. the load generator, broker %.0f, PostgreSQL %.0f), so %d cores are 100%% busy at %,.0f events/s; "
                + "30,000 events/s at that cost needs %.1f cores", r.rate(), machine, r.processCpuPerMillion(), r.brokerCpuPerMillion(),
                r.postgresCpuPerMillion(), cores, cores * 1e6 / machine, machine * TARGET / 1e6);
    }

    private static String machine(SteadyRun.Result r) {
        return r.mismatches() != 0 ? "n/a (backlog)" : String.format("%.0f + %.0f + %.0f = %.0f", r.processCpuPerMillion(),
                r.brokerCpuPerMillion(), r.postgresCpuPerMillion(), r.machineCpuPerMillion());
    }

    private static String stages(SteadyRun.Result r) {
        long total = r.stages().values().stream().mapToLong(Long::longValue).sum();
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Long> e : r.stages().entrySet()) {
            rows.add(List.of(e.getKey(), String.format("%,d", e.getValue()), String.format("%.1f%%", 100.0 * e.getValue() / Math.max(1, total))));
        }
        return String.format("%nPer-stage profile at %,d events/s (JFR execution samples every 10 ms of the stream threads and "
                + "the sink thread, RocksDB's native samples included; a sample goes to the first matching stage):%n%n", r.rate())
                + BenchReadme.table(List.of("stage", "samples", "share"), rows);
    }

    /**
     * CPU per million events sent, only where every event was counted in time (oracle equal): with a
     * backlog left, the CPU went to fewer events than were sent, and the quotient would flatter.
     */
    private static String perMillion(SteadyRun.Result r, double v) {
        return r.mismatches() == 0 ? String.format("%.1f", v) : "n/a (backlog)";
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : Double.isInfinite(v) ? "miss" : String.format("%.0f ms", v);
    }
}
