package io.agentpulse.ingest.gateway;

import io.agentpulse.ingest.publish.KafkaEventPublisher;
import io.agentpulse.schemas.registry.HttpSchemaRegistryClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the gateway standalone: {@code java -cp ... io.agentpulse.ingest.gateway.GatewayMain}. */
public final class GatewayMain {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

    private GatewayMain() {}

    public static void main(String[] args) throws InterruptedException {
        GatewayConfig config = GatewayConfig.fromEnv(System.getenv());
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
}
