package io.agentpulse.registry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;

/**
 * A Confluent-compatible schema registry (the REST subset Avro serdes use: register, lookup, get
 * by id, versions, compatibility, config), Avro only. State lives in
 * {@code <dataDir>/registry.json}, rewritten atomically on every change, so ids survive restarts.
 * Ids are global and stable; the default compatibility is BACKWARD.
 */
public final class RegistryServer {
    private final HttpServer server;

    private RegistryServer(HttpServer server) {
        this.server = server;
    }

    /** Starts on {@code port} (0 = a free port) with the state found in {@code dataDir}, if any; no auth, plain HTTP. */
    public static Future<RegistryServer> start(Vertx vertx, int port, Path dataDir) {
        return start(vertx, port, dataDir, RegistryServerOptions.NONE);
    }

    /** Same, requiring the basic auth and serving the TLS of {@code options}. */
    public static Future<RegistryServer> start(Vertx vertx, int port, Path dataDir, RegistryServerOptions options) {
        RegistryFile file = new RegistryFile(dataDir);
        HttpServerOptions http = new HttpServerOptions();
        if (options.tls()) {
            http.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(options.certFile().toString()).setKeyPath(options.keyFile().toString()));
        }
        return vertx.executeBlocking(file::load)
            .map(state -> new SchemaStore(state, file::save))
            .compose(store -> vertx.createHttpServer(http)
                .requestHandler(RegistryRoutes.router(vertx, store, options.userInfo()))
                .listen(port))
            .map(RegistryServer::new);
    }

    /** The port actually bound. */
    public int port() {
        return server.actualPort();
    }

    public Future<Void> close() {
        return server.close();
    }
}
