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
 * @param transactionVersion Kafka's {@code transaction.version} feature, set when the storage is
 *                       first formatted (a formatted storage keeps the version it has)
 * @param sasl           a SASL_SSL client listener instead of PLAINTEXT; null for PLAINTEXT
 */
public record KafkaOptions(String maxHeap, Duration startTimeout, String logLevel,
                           Map<String, String> brokerProperties, List<String> jvmArgs, int transactionVersion,
                           KafkaSasl sasl) {
    /**
     * The transaction protocol the embedded broker runs: 2 (KIP-890 part 2, an epoch bump after every
     * transaction), the default of a stock Kafka 4.1 broker and so what deploy/compose.yaml runs
     * (ComposeFileTest checks both). Version 1 was pinned here once after stalls under load; the
     * current processor passes the fault suite on both (deploy/README.md, "Transactions version").
     */
    public static final int TRANSACTION_VERSION = 2;
    /** The highest transaction.version Kafka 4.1 knows (2: KIP-890 part 2, an epoch bump per transaction). */
    static final int MAX_TRANSACTION_VERSION = 2;

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
        if (transactionVersion < 0 || transactionVersion > MAX_TRANSACTION_VERSION) {
            throw new IllegalArgumentException("The broker's transaction.version must be 0 to " + MAX_TRANSACTION_VERSION
                    + " (the versions Kafka 4.1 knows), but was " + transactionVersion + ".");
        }
    }

    /** A PLAINTEXT broker. */
    public KafkaOptions(String maxHeap, Duration startTimeout, String logLevel, Map<String, String> brokerProperties,
                        List<String> jvmArgs, int transactionVersion) {
        this(maxHeap, startTimeout, logLevel, brokerProperties, jvmArgs, transactionVersion, null);
    }

    /** 512 MiB heap, 90 s start timeout (a cold start on a loaded 2-core machine), WARN logs, {@link #TRANSACTION_VERSION}. */
    public static KafkaOptions defaults() {
        return new KafkaOptions("512m", Duration.ofSeconds(90), "WARN", Map.of(), List.of(), TRANSACTION_VERSION);
    }

    public KafkaOptions withMaxHeap(String heap) {
        return new KafkaOptions(heap, startTimeout, logLevel, brokerProperties, jvmArgs, transactionVersion, sasl);
    }

    public KafkaOptions withStartTimeout(Duration timeout) {
        return new KafkaOptions(maxHeap, timeout, logLevel, brokerProperties, jvmArgs, transactionVersion, sasl);
    }

    public KafkaOptions withLogLevel(String level) {
        return new KafkaOptions(maxHeap, startTimeout, level, brokerProperties, jvmArgs, transactionVersion, sasl);
    }

    public KafkaOptions withJvmArgs(List<String> args) {
        return new KafkaOptions(maxHeap, startTimeout, logLevel, brokerProperties, args, transactionVersion, sasl);
    }

    /** The client listener speaks SASL_SSL (SCRAM-SHA-512 over TLS) as {@code listener} says. */
    public KafkaOptions withSaslSsl(KafkaSasl listener) {
        return new KafkaOptions(maxHeap, startTimeout, logLevel, brokerProperties, jvmArgs, transactionVersion, listener);
    }

    public KafkaOptions withBrokerProperties(Map<String, String> properties) {
        return new KafkaOptions(maxHeap, startTimeout, logLevel, properties, jvmArgs, transactionVersion, sasl);
    }

    public KafkaOptions withTransactionVersion(int version) {
        return new KafkaOptions(maxHeap, startTimeout, logLevel, brokerProperties, jvmArgs, version, sasl);
    }
}
