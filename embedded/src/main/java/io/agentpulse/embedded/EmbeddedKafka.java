package io.agentpulse.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka (broker and controller in one process) running in a child JVM
 * from the {@code kafka_2.13} jars on this JVM's class path.
 *
 * <p>A child JVM bounds the broker's heap and lets fault tests SIGKILL it. The child exits when
 * this JVM dies (it watches its stdin). Storage under {@code dataDir} is formatted on first start
 * and reused after; the cluster id and ports are remembered there so restarts keep them.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    /** Lines of broker.log quoted in a start failure. */
    private static final int TAIL_LINES = 40;
    /** How long a clean shutdown (SIGTERM) may take before we SIGKILL. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final BrokerFiles files;
    private final KafkaOptions options;
    private final String clusterId;
    private final int port;
    private final int controllerPort;
    private Process process;
    private Duration lastStartDuration = Duration.ZERO;

    private EmbeddedKafka(BrokerFiles files, KafkaOptions options, String clusterId, int port, int controllerPort) {
        this.files = files;
        this.options = options;
        this.clusterId = clusterId;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Starts a broker on {@code port} (0 = the remembered port if free, else a free one), default options. */
    public static EmbeddedKafka start(Path dataDir, int port) {
        return start(dataDir, port, KafkaOptions.defaults());
    }

    /** Starts a broker and waits until it answers describeCluster (or throws with its last log lines). */
    public static EmbeddedKafka start(Path dataDir, int port, KafkaOptions options) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("The Kafka port must be 0 (any free port) or 1-65535, but was " + port + ".");
        }
        if (port > 0 && !Ports.isFree(port)) {
            throw new IllegalStateException("The Kafka port " + port + " on " + Ports.HOST
                    + " is already in use; stop what listens there or pass 0 for a free port.");
        }
        BrokerFiles files = new BrokerFiles(dataDir);
        try {
            Files.createDirectories(files.dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the Kafka data directory " + files.dataDir + ".", e);
        }
        for (int attempt = 1; ; attempt++) {
            EmbeddedKafka kafka = prepare(files, options, port, attempt > 1);
            try {
                kafka.launch();
                return kafka;
            } catch (IllegalStateException e) {
                if (!Ports.lostRace(port, attempt, e)) {
                    throw e;
                }
                LOG.warn("Kafka lost its free port {} to another process; trying other ports", kafka.port);
            }
        }
    }

    /** Picks ports (remembered ones unless {@code fresh}) and saves them with the cluster id. */
    private static EmbeddedKafka prepare(BrokerFiles files, KafkaOptions options, int port, boolean fresh) {
        Properties state = files.loadState();
        int brokerPort = Ports.choose(port, fresh ? 0 : Integer.parseInt(state.getProperty("broker.port", "0")));
        int controllerPort = Ports.choose(0, fresh ? 0 : Integer.parseInt(state.getProperty("controller.port", "0")));
        if (controllerPort == brokerPort) {
            controllerPort = Ports.free();
        }
        String clusterId = state.getProperty("cluster.id");
        files.saveState(clusterId, brokerPort, controllerPort);
        return new EmbeddedKafka(files, options, clusterId, brokerPort, controllerPort);
    }

    /** {@code 127.0.0.1:<port>}, for bootstrap.servers. */
    public String bootstrapServers() {
        return Ports.HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return files.dataDir;
    }

    /** The broker's log file (WARN and above by default). */
    public Path logFile() {
        return files.brokerLog;
    }

    /** Wall time of the last start or restart, from launching the JVM to describeCluster answering. */
    public Duration lastStartDuration() {
        return lastStartDuration;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The child's process id, for diagnostics; -1 when not running. */
    public synchronized long pid() {
        return isRunning() ? process.pid() : -1;
    }

    /** Clean shutdown (SIGTERM, Kafka's controlled shutdown), SIGKILL after 30 s. Idempotent. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Kafka broker did not stop within {}; killing it", STOP_TIMEOUT);
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        release();
    }

    /** SIGKILL, as a crash would: nothing is flushed beyond what the OS already has. For fault tests. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        release();
    }

    /** Closes our end of the child's stdin pipe (one file descriptor per launch) and forgets it. */
    private void release() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // The child is gone; the pipe is too.
        }
        process = null;
    }

    /** Stops (if running) and starts again on the same ports, cluster id and data. */
    public synchronized void restart() {
        stop();
        launch();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private synchronized void launch() {
        Map<String, String> properties = new HashMap<>();
        if (options.sasl() != null) {
            properties.putAll(options.sasl().serverProperties());
        }
        properties.putAll(options.brokerProperties());
        files.writeServerProperties(port, controllerPort, options.sasl() == null ? "PLAINTEXT" : KafkaSasl.LISTENER, properties);
        files.writeLoggingConfigs(options.logLevel());
        long started = System.nanoTime();
        try {
            process = new ProcessBuilder(command())
                    .directory(files.dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(files.brokerLog.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not launch the Kafka broker JVM.", e);
        }
        awaitReady();
        lastStartDuration = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("Kafka broker {} ready in {} ms (pid {}, data {})", bootstrapServers(),
                lastStartDuration.toMillis(), process.pid(), files.dataDir);
    }

    private List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + options.maxHeap());
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dlogback.configurationFile=" + files.logbackConfig());
        cmd.add("-Dlog4j2.configurationFile=" + files.log4j2Config());
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=" + options.logLevel().toLowerCase(java.util.Locale.ROOT));
        if (!present("org.apache.logging.log4j.core.LoggerContext")) {
            // Kafka touches log4j-api; without log4j-core it would print an ERROR that no
            // implementation exists. Name log4j-api's own simple one so it does not search.
            cmd.add("-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
        cmd.addAll(options.jvmArgs());
        cmd.add("-cp");
        cmd.add(ChildClasspath.resolve());
        cmd.add(BrokerMain.class.getName());
        cmd.add(files.serverProperties.toString());
        cmd.add(clusterId);
        cmd.add(files.logDir.toString());
        cmd.add(Integer.toString(options.transactionVersion()));
        if (options.sasl() != null) {
            cmd.addAll(options.sasl().formatArguments()); // its users, created when the storage is formatted
        }
        return cmd;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, EmbeddedKafka.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        Map<String, Object> config = new HashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 250,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000));
        if (options.sasl() != null) {
            config.putAll(options.sasl().brokerClientProperties()); // the probe logs in as the broker's user
        }
        try (Admin admin = Admin.create(config)) {
            while (true) {
                if (!process.isAlive()) {
                    throw startFailure("the broker JVM exited with code " + process.exitValue());
                }
                if (System.nanoTime() > deadline) {
                    kill();
                    throw startFailure("it did not answer describeCluster within " + options.startTimeout());
                }
                if (answers(admin)) {
                    return;
                }
            }
        }
    }

    private static boolean answers(Admin admin) {
        try {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                    .nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker to start.", e);
        } catch (Exception e) {
            pause();
            return false;
        }
    }

    /** A short pause between probes so a fast-failing connection does not spin a core. */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private IllegalStateException startFailure(String why) {
        return new IllegalStateException("The embedded Kafka broker on " + bootstrapServers()
                + " did not start: " + why + ". Last lines of " + files.brokerLog + ":\n"
                + LogTail.of(files.brokerLog, TAIL_LINES));
    }
}
