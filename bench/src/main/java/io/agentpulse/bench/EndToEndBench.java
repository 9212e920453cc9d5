package io.agentpulse.bench;

import io.agentpulse.allinone.AllInOne;
import io.agentpulse.allinone.AllInOneConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * End-to-end benchmark of the all-in-one on this machine:
 * <ol>
 *   <li>raw Kafka producer rate (200-byte records, one producer) in the same run, as the yardstick;</li>
 *   <li>sustained pipeline throughput: Avro producers send flat out, and the rate is what the
 *       pipeline counted (visible in {@code /api/v1/summary}) divided by the time it took;</li>
 *   <li>freshness: at a steady rate below saturation, the time from sending an event to the SSE
 *       frame whose count first includes it, p50 and p99.</li>
 * </ol>
 * Run: {@code mvn -q -pl bench -am package -DskipTests && java -cp bench/target/bench.jar io.agentpulse.bench.EndToEndBench}
 * (options: --seconds S of flat-out sending, --fresh-rate events/s, --fresh-seconds S).
 */
public final class EndToEndBench {
    private EndToEndBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        int seconds = Integer.parseInt(opts.getOrDefault("--seconds", "60"));
        int freshRate = Integer.parseInt(opts.getOrDefault("--fresh-rate", "2000"));
        int freshSeconds = Integer.parseInt(opts.getOrDefault("--fresh-seconds", "30"));
        Path dir = Files.createTempDirectory("agentpulse-bench");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("AGENTPULSE_DATA_DIR", dir.toString());
        env.put("AGENTPULSE_DEMO", "false");
        for (String port : new String[] {"AGENTPULSE_KAFKA_PORT", "AGENTPULSE_REGISTRY_PORT", "AGENTPULSE_PG_PORT",
            "AGENTPULSE_GATEWAY_PORT", "AGENTPULSE_QUERY_PORT"}) {
            env.putIfAbsent(port, "0");
        }
        try (AllInOne app = AllInOne.start(AllInOneConfig.fromEnv(env), Clock.systemUTC())) {
            BenchClient client = new BenchClient(app);
            client.awaitReady();
            double raw = client.rawProducerRate(10);
            Throughput t = client.sustainedThroughput(seconds);
            Freshness f = client.freshness(freshRate, freshSeconds);
            System.out.println();
            System.out.println("| what | figure |");
            System.out.println("|---|---|");
            System.out.printf("| raw Kafka producer, 200-byte records, 1 producer | %,.0f records/s |%n", raw);
            System.out.printf("| Avro producers, sent and acknowledged | %,.0f events/s |%n", t.sentRate());
            System.out.printf("| pipeline sustained (counted in summary) | %,.0f events/s (%,d events in %.1f s) |%n",
                    t.countedRate(), t.events(), t.seconds());
            System.out.printf("| ratio pipeline / raw producer | %.2f |%n", t.countedRate() / raw);
            System.out.printf("| freshness at %,d events/s, event sent -> SSE | p50 %.0f ms, p99 %.0f ms, max %.0f ms (%,d events) |%n",
                    freshRate, f.p50(), f.p99(), f.max(), f.samples());
        }
    }

    record Throughput(long events, double seconds, double sentRate, double countedRate) {}

    record Freshness(double p50, double p99, double max, long samples) {}

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            m.put(args[i], args[i + 1]);
        }
        return m;
    }
}
