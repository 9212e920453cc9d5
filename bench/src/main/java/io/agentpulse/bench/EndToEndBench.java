package io.agentpulse.bench;

import io.agentpulse.allinone.AllInOne;
import io.agentpulse.allinone.AllInOneConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

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
 * (options: --seconds S of flat-out Avro sending, --max-events N sent at most (600,000), --http-seconds S (10),
 * --perf-records N, --fresh-rate events/s, --fresh-seconds S).
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
        QueryAuth.configure(env);
        for (String port : new String[] {"AGENTPULSE_KAFKA_PORT", "AGENTPULSE_REGISTRY_PORT", "AGENTPULSE_PG_PORT",
            "AGENTPULSE_GATEWAY_PORT", "AGENTPULSE_QUERY_PORT"}) {
            env.putIfAbsent(port, "0");
        }
        long perfRecords = Long.parseLong(opts.getOrDefault("--perf-records", "2000000"));
        int httpSeconds = Integer.parseInt(opts.getOrDefault("--http-seconds", "10"));
        long maxEvents = Long.parseLong(opts.getOrDefault("--max-events", "600000"));
        try (AllInOne app = AllInOne.start(AllInOneConfig.fromEnv(env), Clock.systemUTC())) {
            BenchClient client = new BenchClient(app);
            client.awaitReady();
            Properties props = PerfTestRun.strings(app.producerProps());
            props.setProperty("batch.size", "131072"); // as our Avro producer
            double raw = PerfTestRun.run(app.bootstrapServers(), props, perfRecords, 200);
            Throughput t = client.sustainedThroughput(seconds, maxEvents);
            Throughput h = client.gatewayThroughput(httpSeconds, 4, 500);
            Freshness f = client.freshness(freshRate, freshSeconds);
            String body = String.format("""
                    All-in-one (embedded KRaft broker, registry, PostgreSQL, processor with 1m/5m/1h/1d/1w/4w rollups, \
                    gateway, query API) in this JVM; load generators in this JVM too.

                    | what | figure |
                    |---|---|
                    | raw Kafka producer: ProducerPerformance (kafka-tools %s), %,d records of 200 B, our producer settings | %,.0f records/s |
                    | Avro producers, sent and acknowledged | %,.0f events/s |
                    | pipeline sustained, Avro producers (counted in /api/v1/summary) | %,.0f events/s (%,d events in %.1f s) |
                    | ratio pipeline (Avro) / raw producer | %.2f |
                    | HTTP gateway, accepted (4 clients, JSON batches of 500) | %,.0f events/s |
                    | pipeline sustained, HTTP gateway (counted) | %,.0f events/s (%,d events in %.1f s) |
                    | ratio pipeline (HTTP) / raw producer | %.2f |
                    | freshness at %,d events/s, event sent -> aggregate on SSE | p50 %.0f ms, p99 %.0f ms, max %.0f ms (%,d events) |
                    """, org.apache.kafka.common.utils.AppInfoParser.getVersion(), perfRecords, raw, t.sentRate(),
                    t.countedRate(), t.events(), t.seconds(), t.countedRate() / raw, h.sentRate(), h.countedRate(), h.events(),
                    h.seconds(), h.countedRate() / raw, freshRate, f.p50(), f.p99(), f.max(), f.samples());
            System.out.println(body);
            BenchReadme.write("end-to-end", "java -cp bench/target/bench.jar io.agentpulse.bench.EndToEndBench", body);
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
