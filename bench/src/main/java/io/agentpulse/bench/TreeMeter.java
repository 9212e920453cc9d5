package io.agentpulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time and proportional memory of the processes this JVM started (the embedded broker's child JVM and
 * PostgreSQL's postmaster and backends), from Linux /proc, so a benchmark can state what the whole machine
 * spent per event, not only its own JVM. Parts: "broker" (a java child), "postgres" (every other child).
 */
final class TreeMeter {
    static final String BROKER = "broker";
    static final String POSTGRES = "postgres";

    private TreeMeter() {}

    /** CPU nanoseconds (utime + stime) of each descendant process alive now, by pid. */
    static Map<Long, Long> childCpu() {
        Map<Long, Long> out = new HashMap<>();
        ProcessHandle.current().descendants().forEach(h ->
                h.info().totalCpuDuration().map(Duration::toNanos).ifPresent(n -> out.put(h.pid(), n)));
        return out;
    }

    /**
     * CPU nanoseconds per part between two {@link #childCpu} snapshots: a process started in between counts
     * from zero; one that exited in between is lost (PostgreSQL's pooled backends and the broker live for
     * the whole run, so that part is small and the figure a lower bound).
     */
    static Map<String, Long> cpuSince(Map<Long, Long> before, Map<Long, Long> after) {
        Map<String, Long> out = new HashMap<>(Map.of(BROKER, 0L, POSTGRES, 0L));
        after.forEach((pid, nanos) -> out.merge(part(pid), nanos - before.getOrDefault(pid, 0L), Long::sum));
        return out;
    }

    private static String part(long pid) {
        String cmd = ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse("");
        return cmd.endsWith("/java") || cmd.equals("java") ? BROKER : POSTGRES;
    }

    /**
     * Proportional set size of this JVM ("jvm") and of each part of its descendants, KiB: each shared page
     * (PostgreSQL's shared buffers, mapped by every backend) counts once, split between the processes mapping
     * it, where a sum of VmRSS counts it once per process. A process whose smaps_rollup cannot be read
     * (exited, not Linux) counts 0.
     */
    static Map<String, Long> pssKiBByPart() {
        Map<String, Long> out = new HashMap<>(Map.of("jvm", pssKiB(ProcessHandle.current().pid()), BROKER, 0L, POSTGRES, 0L));
        ProcessHandle.current().descendants().forEach(h -> out.merge(part(h.pid()), pssKiB(h.pid()), Long::sum));
        return out;
    }

    private static long pssKiB(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (l.startsWith("Pss:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // exited meanwhile, or not Linux
        }
        return 0;
    }
}
