package io.agentpulse.allinone;

import io.agentpulse.allinone.demo.ClientEvents;
import io.agentpulse.allinone.demo.DemoFleet;
import io.agentpulse.allinone.demo.DemoRunner;
import io.agentpulse.client.AgentPulseRecorder;
import io.agentpulse.embedded.EmbeddedKafka;
import io.agentpulse.embedded.EmbeddedPostgres;
import io.agentpulse.embedded.KafkaOptions;
import io.agentpulse.ingest.gateway.GatewayServer;
import io.agentpulse.ingest.gateway.KeyStoreFactory;
import io.agentpulse.ingest.publish.KafkaEventPublisher;
import io.agentpulse.ops.KafkaClients;
import io.agentpulse.ops.OpsMetrics;
import io.agentpulse.processor.ProcessorService;
import io.agentpulse.contract.db.Migrations;
import io.agentpulse.query.QueryApiServer;
import io.agentpulse.contract.TopicSpecs;
import io.agentpulse.contract.registry.HttpSchemaRegistryClient;
import io.agentpulse.contract.registry.RegistrySettings;
import io.agentpulse.registry.RegistryServer;
import io.agentpulse.contract.registry.SchemaRegistryClient;
import io.agentpulse.security.Scope;
import io.agentpulse.security.keys.ApiKeyStore;
import io.agentpulse.security.keys.BootstrapKeys;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole product in one process (plus a child broker JVM): embedded Kafka, PostgreSQL and
 * schema registry, the gateway, the stream processor with its sink, the query API and the demo
 * fleet. Start order follows the data: storage first, then the processor, then what feeds it.
 * Closing runs the same list backwards.
 */
public final class AllInOne implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AllInOne.class);

    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final PrometheusMeterRegistry metrics = OpsMetrics.registry();
    private EmbeddedKafka kafka;
    private EmbeddedPostgres postgres;
    private RegistryServer registry;
    private SchemaRegistryClient registryClient;
    private ProcessorService processor;
    private GatewayServer gateway;
    private QueryApiServer query;
    private DemoRunner demo;
    private ApiKeyStore keys;
    private Map<String, String> serviceEnv;
    private KafkaClients kafkaClients;

    private AllInOne() {}

    public static AllInOne start(AllInOneConfig config, Clock clock) throws Exception {
        return start(config, clock, KafkaOptions.defaults());
    }

    /**
     * With the embedded broker run by {@code broker} (its heap still from {@code config}); e.g. a
     * SASL_SSL listener, whose client settings then come as AGENTPULSE_KAFKA_* in {@code config.env()}.
     */
    public static AllInOne start(AllInOneConfig config, Clock clock, KafkaOptions broker) throws Exception {
        AllInOne app = new AllInOne();
        try {
            app.startAll(config, clock, broker);
            return app;
        } catch (Exception | Error e) {
            app.close();
            throw e;
        }
    }

    private void startAll(AllInOneConfig config, Clock clock, KafkaOptions broker) throws Exception {
        Files.createDirectories(config.dataDir());
        // Broker and database start in parallel: each takes a few seconds, mostly waiting.
        CompletableFuture<EmbeddedPostgres> pg = CompletableFuture.supplyAsync(() -> uncheck(
                () -> EmbeddedPostgres.start(config.dataDir().resolve("postgres"), config.postgresPort())));
        kafka = push(EmbeddedKafka.start(config.dataDir().resolve("kafka"), config.kafkaPort(),
                broker.withMaxHeap(config.brokerHeapMb() + "m")));
        postgres = push(pg.join());
        Vertx vertx = Vertx.vertx();
        closeables.push(() -> await(vertx.close()));
        registry = await(RegistryServer.start(vertx, config.registryPort(), config.dataDir().resolve("registry")));
        closeables.push(() -> await(registry.close()));
        String registryUrl = "http://127.0.0.1:" + registry.port();
        // The embedded registry is plain HTTP on loopback: no auth, no CA, only the URL.
        registryClient = HttpSchemaRegistryClient.create(RegistrySettings.fromEnv(Map.of(RegistrySettings.URL, registryUrl)));
        serviceEnv = config.serviceEnv(kafka.bootstrapServers(), registryUrl, postgres.jdbcUrl(),
                postgres.user(), postgres.password());
        // Built (and validated) in AllInOneConfig before anything started; now with the servers' actual addresses.
        ServiceConfigs services = ServiceConfigs.build(serviceEnv);
        kafkaClients = services.processor().kafka();
        kafkaClients.verify(); // a wrong password or CA fails here, in one sentence
        try (Admin admin = kafkaClients.admin()) {
            TopicSpecs.ensure(admin, config.partitions(), (short) 1);
        }
        Migrations.migrate(postgres.dataSource());
        processor = push(ProcessorService.start(services.processor(), registryClient, postgres.dataSource(), metrics));
        KafkaEventPublisher publisher = push(KafkaEventPublisher.create(services.gateway().kafka(), services.gateway().sendTimeout(), registryClient, metrics));
        // The keys the query API's admins manage (PostgreSQL), so a key created in the UI works here at once.
        keys = KeyStoreFactory.standard().open(vertx, services.gateway().db(), Clock.systemUTC());
        gateway = await(GatewayServer.start(vertx, services.gateway(), publisher, keys, metrics));
        closeables.push(() -> await(gateway.close()));
        query = await(QueryApiServer.start(vertx, services.query(), metrics));
        closeables.push(() -> await(query.close()));
        if (config.demo() && config.demoAgents() > 0) {
            startDemo(config, clock);
        }
    }

    /** The demo agents send through the gateway with their own ingest key, as real agents do. */
    private void startDemo(AllInOneConfig config, Clock clock) throws Exception {
        String token = DemoKey.load(config.dataDir());
        await(BootstrapKeys.adopt(keys, token, Set.of(Scope.INGEST), "demo fleet", "all-in-one"));
        AgentPulseRecorder recorder = push(AgentPulseRecorder.builder().gateway(gatewayUrl(), token)
                .agentId("demo-fleet").capacity(100_000).build());
        DemoFleet fleet = new DemoFleet(config.demoAgents(), config.demoRate(), System.nanoTime(), clock.instant());
        demo = push(DemoRunner.start(fleet, clock, e -> recorder.record(ClientEvents.from(e))));
    }

    /** Producer settings for tools inside the all-in-one (the demo fleet, benchmarks, tests). */
    public Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return p;
    }

    /** Kafka clients as the services make them (the embedded broker, the security of {@link #serviceEnv}). */
    public KafkaClients kafkaClients() {
        return kafkaClients;
    }

    public boolean ready() {
        return processor != null && processor.ready() && gateway != null && query != null;
    }

    /** The API keys the gateway accepts (tests and tools create their own ingest keys here). */
    public ApiKeyStore keys() {
        return keys;
    }

    public String queryUrl() {
        return "http://127.0.0.1:" + query.port();
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public SchemaRegistryClient registryClient() {
        return registryClient;
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** The environment the services were started with (addresses of the embedded servers filled in). */
    public Map<String, String> serviceEnv() {
        return serviceEnv;
    }

    @Override
    public void close() {
        while (!closeables.isEmpty()) {
            AutoCloseable c = closeables.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Shutdown step failed: {}", e.toString());
            }
        }
    }

    private <T extends AutoCloseable> T push(T c) {
        closeables.push(c);
        return c;
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get();
    }

    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    private static <T> T uncheck(ThrowingSupplier<T> s) {
        try {
            return s.get();
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
