package io.agentpulse.processor;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.agentpulse.ops.OpsRoutes;
import io.agentpulse.schemas.registry.HttpSchemaRegistryClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the processor alone: settings from AGENTPULSE_* variables, /healthz /readyz /metrics on the admin port. */
public final class ProcessorMain {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessorMain.class);

    private ProcessorMain() {}

    public static void main(String[] args) {
        ProcessorConfig config = ProcessorConfig.fromEnv(System.getenv());
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.dbUrl());
        hc.setUsername(config.dbUser());
        hc.setPassword(config.dbPassword());
        hc.setMaximumPoolSize(4);
        hc.setInitializationFailTimeout(-1); // start even if the database is not up yet; the sink retries
        HikariDataSource ds = new HikariDataSource(hc);
        ProcessorService service = ProcessorService.start(config, io.agentpulse.processor.alert.AlertConfig.fromEnv(System.getenv()),
                new HttpSchemaRegistryClient(config.registryUrl()), ds, meters);
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        OpsRoutes.mount(router, meters, service::ready);
        vertx.createHttpServer().requestHandler(router).listen(config.adminPort())
                .onSuccess(s -> LOG.info("Processor admin endpoints on port {}", s.actualPort()))
                .onFailure(e -> LOG.error("Admin port {} could not be opened", config.adminPort(), e));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            vertx.close().await();
            ds.close();
        }, "processor-shutdown"));
    }
}
