package io.agentpulse.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the child JVM that runs one KRaft broker+controller.
 *
 * <p>Arguments: {@code <server.properties> <cluster-id> <metadata-log-dir> <transaction-version> [format-option...]}
 * (further kafka-storage format options, e.g. {@code --add-scram}). Formats the storage (with that
 * {@code transaction.version} feature) when the metadata log dir holds no meta.properties yet, then runs
 * {@code kafka.Kafka}. The
 * process exits (cleanly, through Kafka's own shutdown hook) when its standard input closes, so a
 * parent that dies, even by SIGKILL, never leaves an orphan broker holding its ports.
 *
 * <p>Public only because the java launcher needs to find it; nothing else calls it.
 */
public final class BrokerMain {
    /** Exit code when formatting the storage fails (distinct from Kafka's own 1). */
    static final int FORMAT_FAILED = 3;

    private BrokerMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("Usage: BrokerMain <server.properties> <cluster-id> <metadata-log-dir> <transaction-version>"
                    + " [format-option...]");
            System.exit(2);
        }
        watchStdin();
        Path metaProperties = Path.of(args[2], "meta.properties");
        if (!Files.exists(metaProperties)) {
            format(args[0], args[1], args[3], Arrays.copyOfRange(args, 4, args.length));
        }
        kafka.Kafka.main(new String[] {args[0]});
    }

    /**
     * Static quorum (controller.quorum.voters in the properties), so no --standalone here. The
     * transaction version is KafkaOptions#transactionVersion (why its default: KafkaOptions#TRANSACTION_VERSION).
     */
    private static void format(String propertiesFile, String clusterId, String transactionVersion, String[] more) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of("format", "-t", clusterId, "-c", propertiesFile, "--ignore-formatted",
                "--feature", "transaction.version=" + transactionVersion));
        command.addAll(Arrays.asList(more));
        int code = kafka.tools.StorageTool.execute(command.toArray(String[]::new), out);
        if (code != 0) {
            System.err.println("Formatting the Kafka storage failed with exit code " + code + ".");
            System.exit(FORMAT_FAILED);
        }
    }

    /** A daemon thread that ends the JVM (running Kafka's clean-shutdown hook) on stdin EOF. */
    private static void watchStdin() {
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // The parent never writes; any byte is ignored, only EOF matters.
                }
            } catch (IOException e) {
                // A broken pipe means the same as EOF: the parent is gone.
            }
            System.exit(0);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
