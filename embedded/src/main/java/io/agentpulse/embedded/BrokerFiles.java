package io.agentpulse.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * The files of one broker under its data directory: the remembered identity (cluster id and ports,
 * so a restart reuses them), server.properties and the child's logging configuration.
 */
final class BrokerFiles {
    private static final String STATE = "embedded-kafka.properties";

    final Path dataDir;
    final Path logDir;
    final Path serverProperties;
    final Path brokerLog;

    BrokerFiles(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath();
        this.logDir = this.dataDir.resolve("kraft-logs");
        this.serverProperties = this.dataDir.resolve("server.properties");
        this.brokerLog = this.dataDir.resolve("broker.log");
    }

    /** The remembered state, or an empty one (new cluster id, no ports) on first use. */
    Properties loadState() {
        Properties state = new Properties();
        Path file = dataDir.resolve(STATE);
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                state.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the broker state file " + file + ".", e);
            }
        }
        if (state.getProperty("cluster.id") == null) {
            state.setProperty("cluster.id", Uuid.randomUuid().toString());
        }
        return state;
    }

    void saveState(String clusterId, int brokerPort, int controllerPort) {
        Properties state = new Properties();
        state.setProperty("cluster.id", clusterId);
        state.setProperty("broker.port", Integer.toString(brokerPort));
        state.setProperty("controller.port", Integer.toString(controllerPort));
        write(dataDir.resolve(STATE), state, "Embedded Kafka identity: reused on every restart");
    }

    /**
     * A single combined node: one replica everywhere (so transactions and exactly-once work on
     * one broker), no auto-created topics, no initial rebalance delay, static one-voter quorum.
     * {@code client} names the client (and inter-broker) listener: PLAINTEXT or SASL_SSL; the
     * controller listener is PLAINTEXT on loopback either way.
     */
    void writeServerProperties(int brokerPort, int controllerPort, String client, Map<String, String> overrides) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@" + Ports.HOST + ":" + controllerPort);
        p.setProperty("listeners", client + "://" + Ports.HOST + ":" + brokerPort
                + ",CONTROLLER://" + Ports.HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", client + "://" + Ports.HOST + ":" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", client);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        // Fewer internal partitions than the default 50: a faster first group join and txn init.
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // After a SIGKILL the restarted controller refuses the broker's new registration until the
        // old session times out (default 9 s); 6 s with 1 s heartbeats still tolerates long stalls.
        p.setProperty("broker.heartbeat.interval.ms", "1000");
        p.setProperty("broker.session.timeout.ms", "6000");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("delete.topic.enable", "true");
        p.putAll(overrides);
        write(serverProperties, p, "Written by EmbeddedKafka on every start");
    }

    /** Both logging backends a host classpath may carry (logback, log4j2) get the same level. */
    void writeLoggingConfigs(String level) {
        String pattern = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";
        String logback = "<configuration>\n"
                + "  <appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">\n"
                + "    <encoder><pattern>" + pattern + "</pattern></encoder>\n"
                + "  </appender>\n"
                + "  <root level=\"" + level + "\"><appender-ref ref=\"OUT\"/></root>\n"
                + "</configuration>\n";
        String log4j2 = "status = warn\n"
                + "appender.out.type = Console\n"
                + "appender.out.name = OUT\n"
                + "appender.out.layout.type = PatternLayout\n"
                + "appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p [%t] %c{1} - %m%n\n"
                + "rootLogger.level = " + level.toLowerCase(java.util.Locale.ROOT) + "\n"
                + "rootLogger.appenderRef.out.ref = OUT\n";
        writeString(logbackConfig(), logback);
        writeString(log4j2Config(), log4j2);
    }

    Path logbackConfig() {
        return dataDir.resolve("broker-logback.xml");
    }

    Path log4j2Config() {
        return dataDir.resolve("broker-log4j2.properties");
    }

    private static void write(Path file, Properties properties, String comment) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, comment);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ".", e);
        }
    }

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ".", e);
        }
    }
}
