package io.agentpulse.bench;

import io.agentpulse.allinone.AllInOne;
import io.agentpulse.allinone.AllInOneConfig;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Sustained throughput as a steady offered rate: the all-in-one (all six granularities unless
 * --granularities says otherwise) takes each rate of --rates for --seconds from 1000 agents x 10 models x
 * 3 operations; a rate is held when the processor's lag stayed bounded (at most 5 s of events over the
 * last 30 s) and every agent-minute in PostgreSQL equals the oracle (count and input tokens) within
 * 60 s of the end. Kafka's own ProducerPerformance runs first on the same broker. Besides: freshness
 * p50/p99 at each rate, stream-thread CPU per million events, RSS, and the per-stage profile (JFR) of
 * the highest rate held.
 * Run: {@code java -cp bench/target/bench.jar io.agentpulse.bench.SteadyBench [--rates 10000,20000,30000]
 * [--seconds 60] [--warmup-seconds 90] [--granularities 1m,5m,1h,1d,1w,4w] [--via avro|gateway] [--section steady]}
 * (section default: steady, or steady-gateway with --via gateway).
 */
public final class SteadyBench {
    private SteadyBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        int seconds = Integer.parseInt(opts.getOrDefault("--seconds", "60"));
        // 90 s: in a JVM of this size (broker clients, Streams, Vert.x, JDBC) the JIT still compiled for
        // a third of the CPU after 30 s, a cost a long-running service does not pay
        int warmup = Integer.parseInt(opts.getOrDefault("--warmup-seconds", "90"));
        String granularities = opts.getOrDefault("--granularities", "1m,5m,1h,1d,1w,4w");
        boolean viaGateway = "gateway".equals(opts.getOrDefault("--via", "avro"));
        String section = opts.getOrDefault("--section", viaGateway ? "steady-gateway" : "steady");
        List<Integer> rates = new ArrayList<>();
        for (String r : opts.getOrDefault("--rates", "10000,20000,30000").split(",")) {
            rates.add(Integer.parseInt(r.trim()));
        }
        String loadAtStart = Machine.loadAverage();
        Session s = session(granularities, rates, seconds, warmup, viaGateway, true);
        String body = SteadyReport.render(viaGateway ? "the HTTP gateway (a JSON batch per 10 ms tick)" : "Avro producers", granularities,
                seconds, s.raw(), s.results(), loadAtStart, Machine.loadAverage());
        System.out.println(body);
        BenchReadme.write(section, "java -cp bench/target/bench.jar io.agentpulse.bench.SteadyBench " + String.join(" ", args), body);
    }

    /** Kafka's raw producer rate on the session's broker, and one result per offered rate. */
    record Session(double raw, List<SteadyRun.Result> results) {}

    /**
     * A fresh all-in-one with these granularities: ProducerPerformance, a warm-up at the first rate
     * (the JIT compiles the hot paths first; a cold JVM's CPU would be charged to the first rate), then
     * each rate; {@code profileLast}: the per-stage profile of the last rate.
     */
    static Session session(String granularities, List<Integer> rates, int seconds, int warmup, boolean viaGateway,
            boolean profileLast) throws Exception {
        return session(Map.of(), granularities, rates, seconds, warmup, viaGateway, profileLast);
    }

    /** As above, with {@code settings} (AGENTPULSE_* variables) on top of the process environment. */
    static Session session(Map<String, String> settings, String granularities, List<Integer> rates, int seconds, int warmup,
            boolean viaGateway, boolean profileLast) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(settings);
        env.put("AGENTPULSE_DATA_DIR", Files.createTempDirectory("agentpulse-steady").toString());
        env.put("AGENTPULSE_DEMO", "false");
        env.put("AGENTPULSE_PROCESSOR_GRANULARITIES", granularities);
        QueryAuth.configure(env);
        for (String port : new String[] {"AGENTPULSE_KAFKA_PORT", "AGENTPULSE_REGISTRY_PORT", "AGENTPULSE_PG_PORT",
            "AGENTPULSE_GATEWAY_PORT", "AGENTPULSE_QUERY_PORT", "AGENTPULSE_PROCESSOR_ADMIN_PORT"}) {
            env.putIfAbsent(port, "0");
        }
        try (AllInOne app = AllInOne.start(AllInOneConfig.fromEnv(env), Clock.systemUTC())) {
            new BenchClient(app).awaitReady();
            Properties props = PerfTestRun.strings(app.producerProps());
            props.setProperty("batch.size", "131072");
            double raw = PerfTestRun.run(app.bootstrapServers(), props, 2_000_000, 200);
            if (warmup > 0) {
                new SteadyRun(app, "warm" + (System.currentTimeMillis() % 100_000), viaGateway).run(rates.get(0), warmup, false);
            }
            List<SteadyRun.Result> results = new ArrayList<>();
            for (int rate : rates) {
                boolean profile = profileLast && rate == rates.get(rates.size() - 1);
                results.add(new SteadyRun(app, "st" + rate + "x" + (System.currentTimeMillis() % 100_000), viaGateway).run(rate, seconds, profile));
            }
            return new Session(raw, results);
        }
    }

    /** "--name value" pairs of the command line. */
    public static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            m.put(args[i], args[i + 1]);
        }
        return m;
    }
}
