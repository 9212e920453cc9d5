package io.agentpulse.bench.scale;

import io.agentpulse.bench.SteadyMeter;
import io.agentpulse.bench.faults.ServiceProcess;
import io.agentpulse.contract.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * What the processors had done at one instant: each processor JVM's CPU time (user + system, all its
 * threads: stream threads, sink, GC, JIT, clients) and its JIT compiler threads' share, each one's
 * accepted-events counter from its
 * /metrics, and the events-topic offsets the consumer group had committed. Two samples bracket the
 * measured period; their difference is the work and what it cost.
 */
record ProcessorSample(long[] cpuNanos, List<Map<Long, Long>> jitNanos, long[] accepted, long committed) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Nanoseconds per clock tick, the unit of /proc/PID/task/TID/stat's utime and stime. */
    private static final long NANOS_PER_TICK = 1_000_000_000L / clockTicksPerSecond();
    /** Micrometer's agentpulse.processor.events.accepted in the Prometheus format. */
    static final String ACCEPTED = "agentpulse_processor_events_accepted_total";

    /** Samples every processor, then the committed offsets (commits follow processing by about the commit interval, 200 ms). */
    static ProcessorSample take(List<ServiceProcess> processors, Admin admin, String group) throws Exception {
        long[] cpu = new long[processors.size()];
        List<Map<Long, Long>> jit = new ArrayList<>();
        long[] accepted = new long[processors.size()];
        for (int i = 0; i < cpu.length; i++) {
            cpu[i] = cpuNanos(processors.get(i).pid());
            jit.add(jitNanos(processors.get(i).pid()));
            accepted[i] = accepted(processors.get(i));
        }
        return new ProcessorSample(cpu, jit, accepted, SteadyMeter.committed(admin, group, Topics.EVENTS));
    }

    /**
     * Process CPU time (utime + stime of /proc/PID/stat as the JDK reads it, clock-tick resolution,
     * 10 ms here); a process whose time cannot be read fails the run rather than count as zero.
     */
    static long cpuNanos(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("no CPU time for process " + pid + " (has it exited?)"));
    }

    /**
     * CPU nanoseconds of the JIT compiler threads ("C1/C2 CompilerThread", 15 characters in comm) alive
     * now, by thread id: a JVM warms up per instance, so this is the part of the cost that more
     * instances repeat until their code is compiled.
     */
    static Map<Long, Long> jitNanos(long pid) {
        Map<Long, Long> out = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                if (stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).contains("CompilerThre")) {
                    // after "pid (comm) " come fields 3.. of proc(5): utime and stime (14, 15) are at 11 and 12
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.put(Long.parseLong(task.getFileName().toString()), (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK);
                }
            }
        } catch (IOException e) {
            return Map.of(); // no /proc (not Linux): the JIT share is not shown
        }
        return out;
    }

    /** {@code getconf CLK_TCK} (100 on Linux unless the kernel says otherwise). */
    private static long clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
            return p.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /** The processor's accepted-events counter (all label sets summed); -1 when /metrics did not answer. */
    static long accepted(ServiceProcess p) {
        try {
            HttpRequest r = HttpRequest.newBuilder(URI.create(p.url() + "/metrics")).timeout(Duration.ofSeconds(5)).build();
            return (long) HTTP.send(r, HttpResponse.BodyHandlers.ofString()).body().lines()
                    .filter(l -> l.startsWith(ACCEPTED + " ") || l.startsWith(ACCEPTED + "{"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    /** This sample minus an earlier one, per processor: CPU nanoseconds. */
    long[] cpuSince(ProcessorSample earlier) {
        long[] d = new long[cpuNanos.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = cpuNanos[i] - earlier.cpuNanos[i];
        }
        return d;
    }

    /**
     * JIT compiler CPU per processor since an earlier sample; a compiler thread that ended in between
     * (the JVM retires idle ones) loses its time after the earlier sample, so this is a lower bound.
     */
    long[] jitSince(ProcessorSample earlier) {
        long[] d = new long[jitNanos.size()];
        for (int i = 0; i < d.length; i++) {
            Map<Long, Long> before = earlier.jitNanos.get(i);
            d[i] = jitNanos.get(i).entrySet().stream().mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
        }
        return d;
    }

    /** Accepted events per processor since an earlier sample (-1 where either counter was unreadable). */
    long[] acceptedSince(ProcessorSample earlier) {
        long[] d = new long[accepted.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = accepted[i] < 0 || earlier.accepted[i] < 0 ? -1 : accepted[i] - earlier.accepted[i];
        }
        return d;
    }
}
