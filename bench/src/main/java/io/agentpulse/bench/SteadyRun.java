package io.agentpulse.bench;

import io.agentpulse.allinone.AllInOne;
import io.agentpulse.avro.AgentEvent;
import io.agentpulse.contract.Topics;
import io.agentpulse.contract.serde.AvroSerializer;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;

/** One offered rate on the running all-in-one: send, watch the lag, then check the database against the oracle. */
final class SteadyRun {
    static final String GROUP = "agentpulse-processor";
    private final AllInOne app;
    private final String prefix;
    private final HttpClient http = HttpClient.newHttpClient();
    private final boolean viaGateway;

    /** {@code viaGateway}: JSON batches through the HTTP gateway instead of Avro records to the topic. */
    SteadyRun(AllInOne app, String prefix, boolean viaGateway) {
        this.app = app;
        this.prefix = prefix;
        this.viaGateway = viaGateway;
    }

    record Result(int rate, long sent, long maxBehind, long maxLag, long lagAtEnd, int agentMinutes, int mismatches,
                  double drainSeconds, double[] freshness, double streamCpuPerMillion, double sinkCpuPerMillion,
                  double processCpuPerMillion, double brokerCpuPerMillion, double postgresCpuPerMillion, long rssMiB,
                  long pssMiB, Map<String, Long> stages) {
        /** This JVM (processor, sink, gateway, query API, load generator) + the broker + PostgreSQL. */
        double machineCpuPerMillion() {
            return processCpuPerMillion + brokerCpuPerMillion + postgresCpuPerMillion;
        }

        boolean held() {
            return mismatches == 0 && maxLag >= 0 && maxLag <= 5L * rate && maxBehind <= rate / 10;
        }
    }

    Result run(int rate, int seconds, boolean profile) throws Exception {
        SteadyLoad load = new SteadyLoad(prefix);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Admin admin = app.kafkaClients().admin();
             FreshnessProbe probe = new FreshnessProbe(http, QueryAuth.request(http, app.queryUrl(), "/api/v1/stream?grp=agent"),
                     load.freshAgent);
             SteadyMeter.LagSampler lag = new SteadyMeter.LagSampler(admin, GROUP, Topics.EVENTS);
             KafkaProducer<String, AgentEvent> producer = producer()) {
            Thread.sleep(1000); // the SSE subscription reaches the server before the first event
            long stream0 = SteadyMeter.threadCpu("StreamThread");
            long sink0 = SteadyMeter.threadCpu("agentpulse-sink");
            long proc0 = os.getProcessCpuTime();
            Map<Long, Long> children0 = TreeMeter.childCpu();
            Map<String, Long> groups0 = SteadyMeter.cpuByThreadGroup();
            StageProfile stages = profile ? new StageProfile() : null;
            load.run(viaGateway ? SteadyOutlet.gateway(http, app.gatewayUrl(), new BenchClient(app).ingestKey())
                    : SteadyOutlet.avro(producer), rate, seconds, probe);
            long maxLag = lag.maxOfLast(30);
            long lagAtEnd = lag.maxOfLast(1);
            long t0 = System.nanoTime();
            int bad = Integer.MAX_VALUE;
            Map<String, long[]> db = Map.of();
            while (System.nanoTime() - t0 < 60_000_000_000L && bad != 0) {
                Thread.sleep(1000);
                db = SteadyMeter.agentMinutes(app.postgres().dataSource(), prefix);
                bad = SteadyMeter.mismatches(load.oracle, db);
            }
            double drain = bad == 0 ? (System.nanoTime() - t0) / 1e9 : Double.POSITIVE_INFINITY;
            Map<String, Long> profiled = stages == null ? Map.of() : stages.stop();
            if (stages != null) {
                stages.close();
            }
            double millions = load.sent / 1e6;
            Map<String, Long> children = TreeMeter.cpuSince(children0, TreeMeter.childCpu());
            Map<String, Long> groups1 = SteadyMeter.cpuByThreadGroup();
            groups1.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - groups0.getOrDefault(e.getKey(), 0L)))
                    .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(15)
                    .forEach(e -> System.out.printf("  %-70s %8.1f CPU-s per 1M events%n", e.getKey(), e.getValue() / 1e9 / millions));
            long rss = StartupBench.tree(ProcessHandle.current().pid()).stream().mapToLong(p -> StartupBench.status(p, "VmRSS")).sum();
            Map<String, Long> pss = TreeMeter.pssKiBByPart();
            System.out.printf("PSS MiB by part: %s%n", pss.entrySet().stream().map(e -> e.getKey() + " " + (e.getValue() >> 10)).toList());
            System.out.printf("rate %,d: sent %,d, max lag %,d, %d of %d agent-minutes differ, drain %.1f s%n",
                    rate, load.sent, maxLag, bad, load.oracle.size(), drain);
            return new Result(rate, load.sent, load.maxBehind, maxLag, lagAtEnd, load.oracle.size(), bad, drain, probe.result(),
                    (SteadyMeter.threadCpu("StreamThread") - stream0) / 1e9 / millions,
                    (SteadyMeter.threadCpu("agentpulse-sink") - sink0) / 1e9 / millions,
                    (os.getProcessCpuTime() - proc0) / 1e9 / millions, children.get(TreeMeter.BROKER) / 1e9 / millions,
                    children.get(TreeMeter.POSTGRES) / 1e9 / millions, rss >> 10, pss.values().stream().mapToLong(Long::longValue).sum() >> 10, profiled);
        }
    }

    private KafkaProducer<String, AgentEvent> producer() {
        var p = app.producerProps();
        p.put("batch.size", 131072);
        p.put("linger.ms", 5);
        return app.kafkaClients().producer(p, new StringSerializer(), new AvroSerializer<AgentEvent>(app.registryClient()));
    }
}
