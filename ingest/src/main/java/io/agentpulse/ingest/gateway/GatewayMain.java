package io.agentpulse.ingest.gateway;

import io.agentpulse.ingest.publish.KafkaEventPublisher;
import io.agentpulse.schemas.TopicSpecs;
import io.agentpulse.schemas.registry.HttpSchemaRegistryClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the gateway standalone: {@code java -cp ... io.agentpulse.ingest.gateway.GatewayMain}. */
public final class GatewayMain {
    static {
        // Before the first logger exists: our quiet default unless the operator names a config.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "agentpulse-gateway-logback.xml");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

    private GatewayMain() {}

    public static void main(String[] args) throws InterruptedException {
        GatewayConfig config = GatewayConfig.fromEnv(System.getenv());
        ensureTopics(config);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KafkaEventPublisher publisher = KafkaEventPublisher.create(config,
                new HttpSchemaRegistryClient(config.registryUrl()), registry);
        Vertx vertx = Vertx.vertx();
        GatewayServer server = GatewayServer.start(vertx, config, publisher, registry)
                .toCompletionStage().toCompletableFuture().join();
        LOG.info("Ingest gateway listening on {}:{}, Kafka {}", config.host(), server.port(), config.kafkaBootstrap());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close().toCompletionStage().toCompletableFuture().join();
            publisher.close();
            vertx.close().toCompletionStage().toCompletableFuture().join();
            stopped.countDown();
        }, "agentpulse-gateway-shutdown"));
        stopped.await();
    }

    /**
     * Creates missing topics with our partitioning before the producer's first metadata request
     * could auto-create agentpulse.events with the broker's defaults. Best effort: an unreachable
     * broker is logged, and readiness waits for it.
     */
    private static void ensureTopics(GatewayConfig config) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap()))) {
            TopicSpecs.ensure(admin, config.topicPartitions(), config.topicReplication());
        } catch (RuntimeException e) {
            LOG.warn("Could not check the Agent Pulse topics on {} ({}); starting anyway, /readyz waits for Kafka.",
                    config.kafkaBootstrap(), e.getMessage());
        }
    }
}
