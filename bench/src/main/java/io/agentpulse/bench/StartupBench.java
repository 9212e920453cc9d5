package io.agentpulse.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-to-ready time and memory of the all-in-one, as a user runs it: a child process
 * {@code java -jar all-in-one/target/agentpulse.jar} (default JVM flags, demo fleet on, fresh data
 * directory, free ports). Ready = the process printed "Agent Pulse is running"; with data = the
 * summary of the last hour counts demo events. RSS (VmRSS, VmHWM from /proc) of the main JVM and of
 * its whole process tree (child broker JVM, PostgreSQL processes; shared buffers are counted once
 * per PostgreSQL process, so the tree figure is an upper bound), after {@code --settle} seconds.
 * Run: {@code java -cp bench/target/bench.jar io.agentpulse.bench.StartupBench} (options: --jar PATH, --settle 60).
 */
public final class StartupBench {
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

    private StartupBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        Path jar = Path.of(o.getOrDefault("--jar", "all-in-one/target/agentpulse.jar"));
        int settle = Integer.parseInt(o.getOrDefault("--settle", "60"));
        Path dir = Files.createTempDirectory("agentpulse-startup");
        int queryPort = freePort();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("AGENTPULSE_DATA_DIR", dir.toString());
        env.put("AGENTPULSE_QUERY_PORT", Integer.toString(queryPort));
        env.put("AGENTPULSE_KAFKA_PORT", Integer.toString(freePort()));
        env.put("AGENTPULSE_REGISTRY_PORT", Integer.toString(freePort()));
        env.put("AGENTPULSE_PG_PORT", Integer.toString(freePort()));
        env.put("AGENTPULSE_GATEWAY_PORT", Integer.toString(freePort()));
        QueryAuth.configure(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        double[] runningAt = {-1};
        Thread reader = new Thread(() -> pump(p, t0, runningAt), "startup-log");
        reader.setDaemon(true);
        reader.start();
        try {
            double dataAt = waitForData("http://127.0.0.1:" + queryPort, t0, p);
            long settleUntil = System.nanoTime() + settle * 1_000_000_000L;
            while (System.nanoTime() < settleUntil && p.isAlive()) {
                Thread.sleep(500);
            }
            List<Long> tree = tree(p.pid());
            long mainRss = status(p.pid(), "VmRSS");
            long mainHwm = status(p.pid(), "VmHWM");
            long treeRss = tree.stream().mapToLong(pid -> status(pid, "VmRSS")).sum();
            String body = String.format("""
                    | what | figure |
                    |---|---|
                    | start to ready ("Agent Pulse is running"), fresh data directory | %.1f s |
                    | start to first demo data in /api/v1/summary | %.1f s |
                    | RSS of the all-in-one JVM after %d s of demo traffic (peak) | %,d MiB (%,d MiB) |
                    | RSS of the whole process tree (%d processes: JVM, child broker JVM, PostgreSQL) | %,d MiB |
                    """, runningAt[0], dataAt, settle, mainRss >> 10, mainHwm >> 10, tree.size(), treeRss >> 10);
            System.out.println(body);
            BenchReadme.write("startup", "java -cp bench/target/bench.jar io.agentpulse.bench.StartupBench", body);
        } finally {
            p.destroy(); // SIGTERM: the all-in-one's shutdown hook stops the broker and PostgreSQL
            p.waitFor();
        }
    }

    private static void pump(Process p, long t0, double[] runningAt) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.contains("Agent Pulse is running") && runningAt[0] < 0) {
                    runningAt[0] = (System.nanoTime() - t0) / 1e9;
                    System.out.println("[all-in-one] " + line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static double waitForData(String base, long t0, Process p) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        while (p.isAlive() && System.nanoTime() - t0 < 180_000_000_000L) {
            try {
                long now = System.currentTimeMillis();
                HttpResponse<String> res = http.send(QueryAuth.request(http, base, "/api/v1/summary?from="
                        + (now - 3_600_000) + "&to=" + (now + 120_000)).build(), HttpResponse.BodyHandlers.ofString());
                Matcher m = COUNT.matcher(res.body());
                if (res.statusCode() == 200 && m.find() && Long.parseLong(m.group(1)) > 0) {
                    return (System.nanoTime() - t0) / 1e9;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The all-in-one showed no data within 180 s (alive: " + p.isAlive() + ").");
    }

    /** The process and all its descendants (Linux /proc). */
    static List<Long> tree(long root) {
        List<Long> out = new ArrayList<>();
        out.add(root);
        ProcessHandle.of(root).ifPresent(h -> h.descendants().forEach(d -> out.add(d.pid())));
        return out;
    }

    /** A kB value of /proc/PID/status, 0 when unreadable. */
    static long status(long pid, String key) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (l.startsWith(key + ":")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone or not Linux
        }
        return 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            m.put(args[i], args[i + 1]);
        }
        return m;
    }
}
