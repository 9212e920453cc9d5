package io.agentpulse.processor;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.agentpulse.ops.OpsMetrics;
import io.agentpulse.ops.OpsRoutes;
import io.agentpulse.ops.PgTlsFailure;
import io.agentpulse.ops.Settings;
import io.agentpulse.ops.Startup;
import io.agentpulse.contract.registry.HttpSchemaRegistryClient;
import io.agentpulse.processor.config.ProcessorConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.Map;

/** Runs the processor alone: settings from AGENTPULSE_* variables, /healthz /readyz /metrics on the admin port. */
public final class ProcessorMain implements AutoCloseable {
    private final ProcessorService service;
    private final Vertx vertx;
    private final HttpServer admin;
    private final HikariDataSource dataSource;

    private ProcessorMain(ProcessorService service, Vertx vertx, HttpServer admin, HikariDataSource dataSource) {
        this.service = service;
        this.vertx = vertx;
        this.admin = admin;
        this.dataSource = dataSource;
    }

    public static void main(String[] args) throws Exception {
        Startup.run(() -> {
            ProcessorMain main = start(Settings.process());
            Runtime.getRuntime().addShutdownHook(new Thread(main::close, "processor-shutdown"));
        });
    }

    /** Starts everything from the given variables; the admin server is listening when this returns. */
    public static ProcessorMain start(Map<String, String> env) {
        ProcessorConfig config = ProcessorConfig.fromEnv(env);
        PrometheusMeterRegistry meters = OpsMetrics.registry();
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.dbUrl());
        hc.setUsername(config.dbUser());
        hc.setPassword(config.dbPassword());
        hc.setMaximumPoolSize(4);
        HikariDataSource ds = open(hc);
        ProcessorService service = ProcessorService.start(config, HttpSchemaRegistryClient.create(config.registry()), ds, meters);
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        OpsRoutes.mount(router, meters, service::ready);
        HttpServer admin = vertx.createHttpServer().requestHandler(router).listen(config.adminPort()).await();
        return new ProcessorMain(service, vertx, admin, ds);
    }

    /**
     * Hikari opens its first connection here (and fails if it cannot); a TLS failure becomes a sentence
     * naming the setting (sslrootcert or the host of AGENTPULSE_DB_URL), anything else stays as it was.
     */
    private static HikariDataSource open(HikariConfig hc) {
        try {
            return new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw PgTlsFailure.explain(e).map(RuntimeException.class::cast).orElse(e);
        }
    }

    /** The admin port actually bound (useful when configured as 0). */
    public int adminPort() {
        return admin.actualPort();
    }

    @Override
    public void close() {
        service.close();
        vertx.close().await();
        dataSource.close();
    }
}
