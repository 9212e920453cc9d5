package io.agentpulse.query;

import io.agentpulse.ops.OpsMetrics;
import io.agentpulse.ops.Settings;
import io.agentpulse.ops.Startup;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Standalone entry point: settings from the environment, stops cleanly on SIGTERM. */
public final class QueryMain {
    private static final Logger LOG = LoggerFactory.getLogger(QueryMain.class);

    private QueryMain() {}

    public static void main(String[] args) throws Exception {
        Startup.run(QueryMain::start);
    }

    private static void start() {
        QueryConfig cfg = QueryConfig.fromEnv(Settings.process());
        Vertx vertx = Vertx.vertx();
        PrometheusMeterRegistry registry = OpsMetrics.registry();
        QueryApiServer server = QueryApiServer.start(vertx, cfg, registry).await();
        LOG.info("Query API listening on {}:{}", cfg.host(), server.port());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close().await();
            vertx.close().await();
        }, "agentpulse-query-shutdown"));
    }
}
