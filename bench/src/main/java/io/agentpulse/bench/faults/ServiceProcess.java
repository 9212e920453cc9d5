package io.agentpulse.bench.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of our services as a real child JVM ({@code java -cp <this class path> <main>}), configured only
 * by AGENTPULSE_* variables, so SIGKILL, SIGTERM and SIGSTOP are the real signals. Output goes to
 * {@code <logDir>/<name>.log} (appended across restarts).
 */
public final class ServiceProcess implements AutoCloseable {
    /**
     * The fault suite's JVM: a small heap, and C1 only (fast start, little JIT CPU on 2 shared cores;
     * faults measure recovery and correctness, not CPU per event).
     */
    public static final List<String> FAULT_JVM = List.of("-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final String name;
    private final String mainClass;
    private final List<String> jvmOptions;
    private final Map<String, String> env;
    private final Path log;
    private final int httpPort;
    private Process process;

    private ServiceProcess(String name, String mainClass, List<String> jvmOptions, Map<String, String> env, Path log, int httpPort) {
        this.name = name;
        this.mainClass = mainClass;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.env = env;
        this.log = log;
        this.httpPort = httpPort;
    }

    /** Starts {@code mainClass}; {@code httpPort} is where /readyz answers (the service's own port or admin port). */
    public static ServiceProcess start(String name, String mainClass, Map<String, String> env, Path logDir, int httpPort) {
        return start(name, mainClass, FAULT_JVM, env, logDir, httpPort);
    }

    /** As above, the JVM started with {@code jvmOptions} (given before the class path). */
    public static ServiceProcess start(String name, String mainClass, List<String> jvmOptions, Map<String, String> env, Path logDir,
            int httpPort) {
        ServiceProcess p = new ServiceProcess(name, mainClass, jvmOptions, env, logDir.resolve(name + ".log"), httpPort);
        p.launch();
        return p;
    }

    /** A port free now (the child binds it a moment later; collisions are unlikely and fail loudly). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void launch() {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("AGENTPULSE_"));
        pb.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public synchronized long pid() {
        return process.pid();
    }

    public synchronized boolean alive() {
        return process.isAlive();
    }

    /** GET /readyz answered 200. */
    public boolean ready() {
        try {
            HttpRequest r = HttpRequest.newBuilder(URI.create(url() + "/readyz")).timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until ready; the time it took. Fails with the log's tail when the process died or the timeout passed. */
    public Duration awaitReady(Duration timeout) {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        while (!ready()) {
            if (!alive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready within " + timeout + " (alive=" + alive() + "); log " + log
                        + ":\n" + tail(40));
            }
            Faults.pause(Duration.ofMillis(100));
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** SIGKILL: no shutdown hook, no commit, no flush. */
    public synchronized void kill9() {
        process.destroyForcibly();
        waitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM and wait for the shutdown hooks to finish; the exit code. */
    public synchronized int terminate(Duration timeout) {
        process.destroy();
        waitExit(timeout);
        return process.exitValue();
    }

    /** SIGSTOP (frozen, sockets stay open: a zombie) and SIGCONT. */
    public void stopSignal() {
        signal("-STOP");
    }

    public void contSignal() {
        signal("-CONT");
    }

    private void signal(String sig) {
        try {
            new ProcessBuilder("kill", sig, Long.toString(pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void waitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitExit(Duration.ofSeconds(20));
        }
    }
}
