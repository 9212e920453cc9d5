package io.agentpulse.bench.faults;

import io.agentpulse.bench.QueryAuth;
import io.agentpulse.embedded.EmbeddedKafka;
import io.agentpulse.embedded.EmbeddedPostgres;
import io.agentpulse.embedded.KafkaOptions;
import io.agentpulse.registry.RegistryServer;
import io.agentpulse.contract.registry.RegistrySettings;
import io.agentpulse.security.keys.ApiKeys;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One broker, one PostgreSQL and one schema registry on this machine, and our services as separate
 * child JVMs pointed at them by AGENTPULSE_* variables only (as in deploy/compose.yaml).
 */
public final class Cluster implements AutoCloseable {
    static final int PARTITIONS = 4;
    /** The ingest key of this run: every gateway adopts it (AGENTPULSE_BOOTSTRAP_INGEST_KEY), the loader sends it. */
    static final String INGEST_KEY = ApiKeys.generate().token();
    public final EmbeddedKafka kafka;
    public final EmbeddedPostgres postgres;
    private final Vertx vertx = Vertx.vertx();
    private final RegistryServer registry;
    private final Path dir;
    /** Partitions of every topic the services create (AGENTPULSE_KAFKA_PARTITIONS). */
    private final int partitions;
    private final List<ServiceProcess> services = new ArrayList<>();

    public Cluster(Path dir) {
        this(dir, PARTITIONS);
    }

    public Cluster(Path dir, int partitions) {
        this(dir, partitions, KafkaOptions.defaults());
    }

    /** {@code kafkaOptions}: how the broker runs, e.g. another transaction.version than the shipped one. */
    public Cluster(Path dir, int partitions, KafkaOptions kafkaOptions) {
        this.dir = dir;
        this.partitions = partitions;
        this.postgres = EmbeddedPostgres.start(dir.resolve("pg"), 0);
        this.kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, kafkaOptions);
        this.registry = RegistryServer.start(vertx, 0, dir.resolve("registry")).await();
    }

    public String registryUrl() {
        return "http://127.0.0.1:" + registry.port();
    }

    /** What the services are given (the same map), so the bench's own clients read it the one way they do. */
    public RegistrySettings registrySettings() {
        return RegistrySettings.fromEnv(common());
    }

    private Map<String, String> common() {
        Map<String, String> e = new HashMap<>();
        e.put("AGENTPULSE_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        e.put("AGENTPULSE_REGISTRY_URL", registryUrl());
        e.put("AGENTPULSE_DB_URL", postgres.jdbcUrl());
        e.put("AGENTPULSE_DB_USER", postgres.user());
        e.put("AGENTPULSE_DB_PASSWORD", postgres.password());
        e.put("AGENTPULSE_KAFKA_PARTITIONS", Integer.toString(partitions));
        e.put("AGENTPULSE_KAFKA_REPLICATION", "1");
        return e;
    }

    public ServiceProcess gateway(String name) {
        int port = ServiceProcess.freePort();
        Map<String, String> e = common();
        e.put("AGENTPULSE_GATEWAY_HOST", "127.0.0.1");
        e.put("AGENTPULSE_GATEWAY_PORT", Integer.toString(port));
        e.put("AGENTPULSE_GATEWAY_SEND_TIMEOUT", "3s");
        e.put("AGENTPULSE_GATEWAY_RETRY_AFTER_SECONDS", "1");
        e.put("AGENTPULSE_BOOTSTRAP_INGEST_KEY", INGEST_KEY);
        return add(ServiceProcess.start(name, "io.agentpulse.ingest.gateway.GatewayMain", e, dir.resolve("logs"), port));
    }

    /**
     * A stream processor (Kafka Streams + PostgreSQL sink). Grace 10 min so that no event delayed by a
     * fault is rejected as late: the oracle then expects every acknowledged event to count.
     */
    public ServiceProcess processor(String name, Map<String, String> extra) {
        return processor(name, extra, ServiceProcess.FAULT_JVM);
    }

    /** A stream processor as above, its JVM started with {@code jvmOptions} (heap, GC, JIT). */
    public ServiceProcess processor(String name, Map<String, String> extra, List<String> jvmOptions) {
        int port = ServiceProcess.freePort();
        Map<String, String> e = common();
        e.put("AGENTPULSE_PROCESSOR_ADMIN_PORT", Integer.toString(port));
        e.put("AGENTPULSE_PROCESSOR_STATE_DIR", dir.resolve("state-" + name).toString());
        e.put("AGENTPULSE_PROCESSOR_GRACE", "10m");
        e.put("AGENTPULSE_PROCESSOR_DEDUP_STORE", "memory");
        e.put("AGENTPULSE_PROCESSOR_SESSION_TIMEOUT", "10s");
        e.putAll(extra);
        return add(ServiceProcess.start(name, "io.agentpulse.processor.ProcessorMain", jvmOptions, e, dir.resolve("logs"), port));
    }

    public ServiceProcess queryApi(String name) {
        return queryApi(name, Map.of());
    }

    public ServiceProcess queryApi(String name, Map<String, String> extra) {
        int port = ServiceProcess.freePort();
        Map<String, String> e = common();
        e.put("AGENTPULSE_QUERY_HOST", "127.0.0.1");
        e.put("AGENTPULSE_QUERY_PORT", Integer.toString(port));
        e.put("AGENTPULSE_SSE_MAX_CLIENTS", "500");
        QueryAuth.configure(e);
        // the ring must cover the reconnect gap: ~250 frames/s of every group at this load, 3 s retry
        e.put("AGENTPULSE_SSE_REPLAY_SIZE", "20000");
        e.putAll(extra);
        return add(ServiceProcess.start(name, "io.agentpulse.query.QueryMain", e, dir.resolve("logs"), port));
    }

    private ServiceProcess add(ServiceProcess p) {
        services.add(p);
        return p;
    }

    public Duration awaitAllReady(Duration timeout) {
        long t0 = System.nanoTime();
        for (ServiceProcess s : services) {
            s.awaitReady(timeout);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    @Override
    public void close() {
        services.forEach(ServiceProcess::close);
        registry.close().await();
        vertx.close().await();
        kafka.close();
        postgres.close();
    }
}
