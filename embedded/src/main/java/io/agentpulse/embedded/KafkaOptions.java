package io.agentpulse.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to run the child broker JVM.
 *
 * @param maxHeap        the child's -Xmx, e.g. {@code "512m"} (bounded so a test machine survives)
 * @param startTimeout   how long {@code start} waits for the broker to answer describeCluster
 * @param logLevel       root log level of the child (WARN keeps broker.log quiet)
 * @param brokerProperties extra server.properties entries; they override ours
 * @param jvmArgs        extra options for the child JVM (after ours, so they win)
 * @param sasl           a SASL_SSL client listener instead of PLAINTEXT; null for PLAINTEXT
 */
public record KafkaOptions(String maxHeap, Duration startTimeout, String logLevel,
                           Map<String, String> brokerProperties, List<String> jvmArgs, KafkaSasl sasl) {
    public KafkaOptions {
        Objects.requireNonNull(maxHeap, "maxHeap");
        if (!maxHeap.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException("The broker heap size must look like 512m or 1g, but was '"
                    + maxHeap + "'.");
        }
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(logLevel, "logLevel");
        brokerProperties = Map.copyOf(brokerProperties);
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** A PLAINTEXT broker. */
    public KafkaOptions(String maxHeap, Duration startTimeout, String logLevel, Map<String, String> brokerProperties,
                        List<String> jvmArgs) {
        this(maxHeap, startTimeout, logLevel, brokerProperties, jvmArgs, null);
    }

    /** 512 MiB heap, 90 s start timeout (a cold start on a loaded 2-core machine), WARN logs. */
    public static KafkaOptions defaults() {
        return new KafkaOptions("512m", Duration.ofSeconds(90), "WARN", Map.of(), List.of());
    }

    public KafkaOptions withMaxHeap(String heap) {
        return new KafkaOptions(heap, startTimeout, logLevel, brokerProperties, jvmArgs, sasl);
    }

    public KafkaOptions withStartTimeout(Duration timeout) {
        return new KafkaOptions(maxHeap, timeout, logLevel, brokerProperties, jvmArgs, sasl);
    }

    public KafkaOptions withLogLevel(String level) {
        return new KafkaOptions(maxHeap, startTimeout, level, brokerProperties, jvmArgs, sasl);
    }

    public KafkaOptions withJvmArgs(List<String> args) {
        return new KafkaOptions(maxHeap, startTimeout, logLevel, brokerProperties, args, sasl);
    }

    /** The client listener speaks SASL_SSL (SCRAM-SHA-512 over TLS) as {@code listener} says. */
    public KafkaOptions withSaslSsl(KafkaSasl listener) {
        return new KafkaOptions(maxHeap, startTimeout, logLevel, brokerProperties, jvmArgs, listener);
    }

    public KafkaOptions withBrokerProperties(Map<String, String> properties) {
        return new KafkaOptions(maxHeap, startTimeout, logLevel, properties, jvmArgs, sasl);
    }
}
