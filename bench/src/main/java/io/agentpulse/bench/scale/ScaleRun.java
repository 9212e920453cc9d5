package io.agentpulse.bench.scale;

import io.agentpulse.ops.KafkaClients;
import io.agentpulse.avro.AgentEvent;
import io.agentpulse.bench.SteadyLoad;
import io.agentpulse.bench.SteadyOutlet;
import io.agentpulse.bench.SteadyMeter;
import io.agentpulse.bench.faults.Cluster;
import io.agentpulse.bench.faults.ServiceProcess;
import io.agentpulse.processor.config.ProcessorConfig;
import io.agentpulse.contract.Topics;
import io.agentpulse.contract.registry.HttpSchemaRegistryClient;
import io.agentpulse.contract.serde.AvroSerializer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One instance count on a fresh cluster (broker, PostgreSQL, registry; topics of {@link #PARTITIONS}
 * partitions): N processor JVMs, all ready and the consumer group stable with every events partition
 * assigned; a warm-up at the offered rate; the measured period at the same rate, bracketed by two
 * {@link ProcessorSample}s; then PostgreSQL against the oracle of everything sent (warm-up included).
 */
final class ScaleRun {
    static final int PARTITIONS = 12;
    static final String GRANULARITIES = "1m,5m,1h,1d,1w,4w";
    /**
     * The processor JVM as deployed: deploy/k8s/processor.yaml gives 1536 MiB with MaxRAMPercentage=75
     * (about 1.1 GiB of heap), and below 1792 MiB the JVM's ergonomics choose the serial collector.
     * Full tiered JIT (the fault suite's C1-only JVM would inflate the CPU per event).
     */
    static final List<String> JVM = List.of("-Xmx1g", "-XX:+UseSerialGC");
    /** The processors' consumer group: the Kafka Streams application id, by default. */
    static final String GROUP = ProcessorConfig.defaults().applicationId();
    private static final Duration READY = Duration.ofSeconds(180);
    /** How long PostgreSQL may take to equal the oracle after the load stops (it drains the lag first). */
    static final Duration CONVERGE = Duration.ofSeconds(120);

    private final Path dir;
    private final int instances;
    private final int rate;

    ScaleRun(Path dir, int instances, int rate) {
        this.dir = dir;
        this.instances = instances;
        this.rate = rate;
    }

    /**
     * {@code cpuNanos}/{@code jitNanos}/{@code accepted}: per processor over the measured period; {@code events}: the
     * committed events-topic offsets it advanced (what the figure divides by); lags in events.
     */
    record Result(int instances, List<Integer> partitionsPerMember, long sent, long maxBehind, long events, long[] cpuNanos,
                  long[] jitNanos, long[] accepted, long maxLag, long lagAtEnd, int agentMinutes, int mismatches, double convergeSeconds) {
        long totalCpuNanos() {
            return Arrays.stream(cpuNanos).sum();
        }

        long totalJitNanos() {
            return Arrays.stream(jitNanos).sum();
        }

        /** Processor CPU-seconds (all instances) per million events processed. */
        double cpuPerMillion() {
            return totalCpuNanos() / 1e9 / (events / 1e6);
        }

        /** Bounded: the lag stayed within 5 s of offered events over the last 30 s (SteadyBench's criterion). */
        boolean lagBounded(int rate) {
            return maxLag >= 0 && maxLag <= 5L * rate;
        }
    }

    Result run(int warmupSeconds, int seconds) throws Exception {
        try (Cluster cluster = new Cluster(dir, PARTITIONS)) {
            List<ServiceProcess> processors = new ArrayList<>();
            Map<String, String> env = Map.of("AGENTPULSE_PROCESSOR_GRANULARITIES", GRANULARITIES,
                    // the product's default grace: the cluster's 10 min suits faults, not a steady load
                    "AGENTPULSE_PROCESSOR_GRACE", ProcessorConfig.defaults().grace().toString());
            for (int i = 1; i <= instances; i++) {
                processors.add(cluster.processor("processor-" + i, env, JVM));
            }
            Duration ready = cluster.awaitAllReady(READY);
            try (Admin admin = KafkaClients.plaintext(cluster.kafka.bootstrapServers()).admin();
                 KafkaProducer<String, AgentEvent> producer = producer(cluster)) {
                List<Integer> split = awaitAssigned(admin);
                System.out.printf("%d processor(s) ready in %.1f s, group stable, events partitions per member %s%n",
                        instances, ready.toMillis() / 1e3, split);
                SteadyLoad warm = new SteadyLoad("warm");
                warm.run(SteadyOutlet.avro(producer), rate, warmupSeconds, null);
                return measure(cluster, admin, producer, processors, warm, split, seconds);
            }
        }
    }

    private Result measure(Cluster cluster, Admin admin, KafkaProducer<String, AgentEvent> producer, List<ServiceProcess> processors,
            SteadyLoad warm, List<Integer> split, int seconds) throws Exception {
        SteadyLoad load = new SteadyLoad("run");
        ProcessorSample start;
        ProcessorSample end;
        long maxLag;
        try (SteadyMeter.LagSampler lag = new SteadyMeter.LagSampler(admin, GROUP, Topics.EVENTS)) {
            start = ProcessorSample.take(processors, admin, GROUP);
            load.run(SteadyOutlet.avro(producer), rate, seconds, null);
            end = ProcessorSample.take(processors, admin, GROUP);
            maxLag = lag.maxOfLast(30);
        }
        long lagAtEnd = SteadyMeter.lag(admin, GROUP, Topics.EVENTS);
        long t0 = System.nanoTime();
        int bad = mismatches(cluster.postgres.dataSource(), warm, load);
        while (bad != 0 && System.nanoTime() - t0 < CONVERGE.toNanos()) {
            Thread.sleep(1000);
            bad = mismatches(cluster.postgres.dataSource(), warm, load);
        }
        double converge = bad == 0 ? (System.nanoTime() - t0) / 1e9 : Double.POSITIVE_INFINITY;
        return new Result(instances, split, load.sent, load.maxBehind, end.committed() - start.committed(), end.cpuSince(start),
                end.jitSince(start), end.acceptedSince(start), maxLag, lagAtEnd, warm.oracle.size() + load.oracle.size(), bad, converge);
    }

    /** Agent-minutes of both loads whose count or input tokens in rollup_1m differ from what was sent (0 = equal). */
    private static int mismatches(DataSource db, SteadyLoad warm, SteadyLoad load) throws Exception {
        return SteadyMeter.mismatches(warm.oracle, SteadyMeter.agentMinutes(db, warm.prefix))
                + SteadyMeter.mismatches(load.oracle, SteadyMeter.agentMinutes(db, load.prefix));
    }

    /**
     * Waits until the group is stable with one member per processor (one stream thread each) and all
     * events partitions assigned, so the warm-up does not start on a partial assignment; the events
     * partitions per member, ascending.
     */
    private List<Integer> awaitAssigned(Admin admin) throws Exception {
        long deadline = System.nanoTime() + READY.toNanos();
        while (true) {
            ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
            List<Integer> split = g.members().stream().map(m -> (int) m.assignment().topicPartitions().stream()
                    .filter(tp -> tp.topic().equals(Topics.EVENTS)).count()).sorted().toList();
            if (g.groupState() == GroupState.STABLE && split.size() == instances
                    && split.stream().mapToInt(Integer::intValue).sum() == PARTITIONS) {
                return split;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("group " + GROUP + " not assigned within " + READY + ": " + g);
            }
            Thread.sleep(500);
        }
    }

    /** An Avro producer as the all-in-one's tools use (idempotent, acks=all, lz4), batches as SteadyRun's. */
    private static KafkaProducer<String, AgentEvent> producer(Cluster cluster) {
        Map<String, Object> p = Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.BATCH_SIZE_CONFIG, 131072);
        return KafkaClients.plaintext(cluster.kafka.bootstrapServers()).producer(p, new StringSerializer(), new AvroSerializer<AgentEvent>(
                HttpSchemaRegistryClient.create(cluster.registrySettings())));
    }
}
