package io.agentpulse.ingest.gateway;

import io.agentpulse.ingest.publish.KafkaEventPublisher;
import io.agentpulse.ops.OpsMetrics;
import io.agentpulse.ops.Settings;
import io.agentpulse.ops.Startup;
import io.agentpulse.contract.TopicSpecs;
import io.agentpulse.contract.registry.HttpSchemaRegistryClient;
import io.agentpulse.security.keys.ApiKeyStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the gateway standalone: {@code java -cp ... io.agentpulse.ingest.gateway.GatewayMain}, settings
 * from AGENTPULSE_* variables. HTTP answers at once; batches get 503 until the topics exist and
 * the producer is built, /readyz turns 200 once the producer reached the broker. API keys come from
 * {@link KeyStoreFactory#standard()} on the AGENTPULSE_DB_* database ({@link GatewayDbConfig}).
 */
public final class GatewayMain {
    static {
        // Before the first logger exists: our quiet default unless the operator names a config.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "agentpulse-gateway-logback.xml");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

    private GatewayMain() {}

    public static void main(String[] args) throws Exception {
        Startup.run(GatewayMain::start);
    }

    private static void start() {
        GatewayConfig config = GatewayConfig.fromEnv(Settings.process());
        config.kafka().verify(); // a wrong password or CA stops the start here, in one sentence
        PrometheusMeterRegistry registry = OpsMetrics.registry();
        DeferredPublisher publisher = new DeferredPublisher();
        Vertx vertx = Vertx.vertx();
        ApiKeyStore keys = KeyStoreFactory.openChecked(vertx, config.db(), Clock.systemUTC()).await();
        GatewayServer server = GatewayServer.start(vertx, config, publisher, keys, registry)
                .toCompletionStage().toCompletableFuture().join();
        LOG.info("Ingest gateway listening on {}://{}:{}, Kafka {}", config.security().tls() ? "https" : "http",
                config.host(), server.port(), config.kafkaBootstrap());
        Thread connect = new Thread(() -> connect(config, registry, publisher), "agentpulse-gateway-connect");
        connect.setDaemon(true);
        connect.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // in-flight batches finish (each is answered within the send timeout), new ones get 503
            server.drain(config.sendTimeout().plusSeconds(5)).toCompletionStage().toCompletableFuture().join();
            publisher.close();
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }, "agentpulse-gateway-shutdown"));
    }

    /**
     * Creates missing topics with our partitioning before the producer's first metadata request
     * could auto-create agentpulse.events with the broker's defaults; retries until Kafka answers.
     */
    private static void connect(GatewayConfig config, PrometheusMeterRegistry registry, DeferredPublisher publisher) {
        while (true) {
            try (Admin admin = config.kafka().admin()) {
                TopicSpecs.ensure(admin, config.topicPartitions(), config.topicReplication());
                break;
            } catch (RuntimeException e) {
                LOG.warn("Could not prepare the Agent Pulse topics on {} ({}); retrying.", config.kafkaBootstrap(),
                        e.getMessage());
            }
        }
        publisher.install(KafkaEventPublisher.create(config.kafka(), config.sendTimeout(), HttpSchemaRegistryClient.create(config.registry()), registry));
        LOG.info("Topics ready on {}; producing.", config.kafkaBootstrap());
    }
}
