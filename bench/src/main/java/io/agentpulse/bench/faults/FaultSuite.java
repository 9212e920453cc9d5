package io.agentpulse.bench.faults;

import io.agentpulse.embedded.KafkaOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The full fault suite of issue 8 (about 15-20 minutes on 2 shared cores):
 * {@code java -cp bench/target/bench.jar io.agentpulse.bench.faults.FaultSuite [rate] [transaction.version=N] [scenario ...]}.
 * Scenarios: kill9, two, broker, pg, pause, sse, sse-kafka, sigterm (default: all). The broker runs the
 * shipped transaction version (KafkaOptions.TRANSACTION_VERSION) unless {@code transaction.version=N} says
 * otherwise. Prints a markdown table and writes it into bench/README.md (section faults).
 */
public final class FaultSuite {
    /** The argument prefix that picks the broker's transaction.version. */
    private static final String TXN_VERSION = "transaction.version=";

    private FaultSuite() {}

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 && args[0].matches("\\d+") ? Integer.parseInt(args[0]) : 500;
        List<String> wanted = Arrays.stream(args).filter(a -> !a.matches("\\d+") && !a.startsWith(TXN_VERSION)).toList();
        KafkaOptions kafka = kafkaOptions(args);
        Path dir = Files.createTempDirectory("agentpulse-faults");
        String loadAtStart = io.agentpulse.bench.Machine.loadAverage();
        FaultScenarios s = new FaultScenarios(dir, rate, kafka);
        List<FaultResult> results = new ArrayList<>();
        run(wanted, "kill9", results, () -> s.killProcessor(5, Duration.ofSeconds(15)));
        run(wanted, "two", results, () -> s.killOneOfTwo(Duration.ofSeconds(20), Duration.ofSeconds(20)));
        run(wanted, "broker", results, () -> s.brokerRestart(Duration.ofSeconds(15), Duration.ofSeconds(20), Duration.ofSeconds(15)));
        run(wanted, "pg", results, () -> s.postgresRestart(Duration.ofSeconds(15), Duration.ofSeconds(20), Duration.ofSeconds(15)));
        run(wanted, "pause", results, () -> s.pausedProcessorFenced(Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(20)));
        run(wanted, "sse", results, () -> s.sseFailover(200, Duration.ofSeconds(20), 10_000));
        run(wanted, "sse-kafka", results, () -> s.sseFailover(200, Duration.ofSeconds(20), 20));
        run(wanted, "sigterm", results, () -> s.gracefulSigterm(Duration.ofSeconds(15), Duration.ofSeconds(15)));
        System.out.println("\nFault suite " + Instant.now() + ", offered " + rate + " events/s, logs under " + dir);
        System.out.println(FaultResult.markdownHeader());
        results.forEach(r -> System.out.println(r.markdownRow()));
        boolean all = results.stream().allMatch(FaultResult::passed);
        StringBuilder body = new StringBuilder(String.format("**Summary: %d of %d scenarios passed%s.** Offered %d events/s; "
                + "Broker transaction.version %d; load average %s at the start, %s at the end.%n%n", results.stream().filter(FaultResult::passed).count(),
                results.size(), all ? "" : " (**a failure**)", rate, kafka.transactionVersion(), loadAtStart, io.agentpulse.bench.Machine.loadAverage()));
        body.append(FaultResult.markdownHeader()).append('\n');
        results.forEach(r -> body.append(r.markdownRow()).append('\n'));
        io.agentpulse.bench.BenchReadme.write("faults", "java -cp bench/target/bench.jar io.agentpulse.bench.faults.FaultSuite "
                + String.join(" ", args), body.toString());
        System.exit(results.stream().allMatch(FaultResult::passed) ? 0 : 1);
    }

    /** The shipped broker options, with the transaction.version of a {@code transaction.version=N} argument. */
    private static KafkaOptions kafkaOptions(String[] args) {
        KafkaOptions kafka = KafkaOptions.defaults();
        for (String a : args) {
            if (a.startsWith(TXN_VERSION)) {
                String version = a.substring(TXN_VERSION.length());
                if (!version.matches("\\d")) {
                    throw new IllegalArgumentException("The argument " + a + " must be transaction.version=0, 1 or 2.");
                }
                kafka = kafka.withTransactionVersion(Integer.parseInt(version));
            }
        }
        return kafka;
    }

    private static void run(List<String> wanted, String name, List<FaultResult> out, Supplier<FaultResult> scenario) {
        if (!wanted.isEmpty() && !wanted.contains(name)) {
            return;
        }
        System.out.println("== " + name + " ...");
        FaultResult r = scenario.get();
        System.out.println(r.markdownRow());
        out.add(r);
    }
}
