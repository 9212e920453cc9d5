package io.agentpulse.ingest.gateway;

import io.agentpulse.ops.SecurityHeaders;

import io.agentpulse.ingest.limits.Limits;
import io.agentpulse.ingest.limits.LimitsConfig;
import io.agentpulse.ingest.publish.EventPublisher;
import io.agentpulse.ops.OpsRoutes;
import io.agentpulse.security.Scope;
import io.agentpulse.security.keys.ApiKeyStore;
import io.agentpulse.security.keys.BootstrapKeys;
import io.agentpulse.security.keys.CachingKeyVerifier;
import io.agentpulse.security.keys.KeyUsage;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest gateway's HTTP(S) server: {@code POST /v1/events} and {@code POST /v1/traces} for API keys with
 * the ingest scope, plus {@code /healthz}, {@code /readyz} (ready once the publisher reached Kafka) and
 * {@code /metrics} for anyone; {@link GatewayPolicy} declares who may call what. The publisher and the key
 * store belong to the caller: {@link #close()} stops the server (and flushes the last-used times) only;
 * {@link #drain} lets in-flight requests finish first.
 */
public final class GatewayServer {
    /** Pause between attempts to adopt the bootstrap key while the key database is not there yet, ms. */
    static final long ADOPT_RETRY_MS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    static final String POLICY_FILTER = "security headers and access policy";
    static final String DRAIN_GATE = "drain gate";
    /** Routes that wrap endpoints rather than being ones, so the access table does not list them. */
    static final Set<String> NOT_ENDPOINTS = Set.of(POLICY_FILTER, DRAIN_GATE);
    private final HttpServer server;
    private final Vertx vertx;
    private final KeyUsage usage;
    private final long touchTimer;
    private final Drain drain;

    private GatewayServer(HttpServer server, Vertx vertx, KeyUsage usage, long touchTimer, Drain drain) {
        this.server = server;
        this.vertx = vertx;
        this.usage = usage;
        this.touchTimer = touchTimer;
        this.drain = drain;
    }

    /** Limits from {@code config}, event times judged on the system clock. */
    public static Future<GatewayServer> start(Vertx vertx, GatewayConfig config, EventPublisher publisher,
                                              ApiKeyStore keys, PrometheusMeterRegistry registry) {
        return start(vertx, config, config.limits(), publisher, keys, registry, Clock.systemUTC());
    }

    /**
     * Starts the gateway. {@code keys} verifies bearer tokens (behind a cache of config.security().keyCacheTtl())
     * and records last use; the bootstrap ingest key, if configured, is adopted into it (readiness waits for it). {@code clock}
     * judges event times and key lifetimes.
     */
    public static Future<GatewayServer> start(Vertx vertx, GatewayConfig config, LimitsConfig limits,
                                              EventPublisher publisher, ApiKeyStore keys,
                                              PrometheusMeterRegistry registry, Clock clock) {
        String bootstrap = config.security().bootstrapIngestKey();
        AtomicBoolean keysReady = new AtomicBoolean(bootstrap == null);
        return listen(vertx, config, limits, publisher, keys, registry, clock, keysReady::get).onSuccess(server -> {
            if (bootstrap != null) {
                adoptUntilDone(vertx, keys, bootstrap, keysReady);
            }
        });
    }

    /**
     * The key database may not be migrated yet when the gateway starts first (the processor migrates it):
     * retry every {@link #ADOPT_RETRY_MS} and stay not-ready (503 on /readyz) until the key is there.
     */
    private static void adoptUntilDone(Vertx vertx, ApiKeyStore keys, String token, AtomicBoolean done) {
        BootstrapKeys.adopt(keys, token, Set.of(Scope.INGEST), "bootstrap ingest key", "AGENTPULSE_BOOTSTRAP_INGEST_KEY")
                .onSuccess(created -> done.set(true))
                .onFailure(e -> {
                    LOG.warn("Could not adopt AGENTPULSE_BOOTSTRAP_INGEST_KEY yet ({}); retrying in {} ms",
                            e.getMessage(), ADOPT_RETRY_MS);
                    vertx.setTimer(ADOPT_RETRY_MS, id -> adoptUntilDone(vertx, keys, token, done));
                });
    }

    private static Future<GatewayServer> listen(Vertx vertx, GatewayConfig config, LimitsConfig limits,
                                                EventPublisher publisher, ApiKeyStore keys,
                                                PrometheusMeterRegistry registry, Clock clock, BooleanSupplier keysReady) {
        KeyUsage usage = new KeyUsage(keys, clock);
        Drain drain = new Drain(config.retryAfterSeconds());
        Router router;
        try {
            router = router(vertx, config, limits, publisher,
                    new CachingKeyVerifier(keys, clock, config.security().keyCacheTtl()), usage, registry, clock, drain, keysReady);
        } catch (IllegalStateException e) {
            return Future.failedFuture(e); // an undeclared route: refuse to serve
        }
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                // We inflate gzip ourselves, bounded by the decompressed size (see Bodies.gunzip).
                .setDecompressionSupported(false);
        GatewaySecurityConfig sec = config.security();
        if (sec.tls()) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(sec.tlsCertFile().toString()).setKeyPath(sec.tlsKeyFile().toString()));
        }
        return vertx.createHttpServer(options).requestHandler(router).listen().map(server -> {
            long timer = vertx.setPeriodic(KeyUsage.DEFAULT_INTERVAL.toMillis(), id -> usage.flush());
            return new GatewayServer(server, vertx, usage, timer, drain);
        });
    }

    /** Every route, behind the policy filter; fails with an IllegalStateException naming an undeclared route. */
    static Router router(Vertx vertx, GatewayConfig config, LimitsConfig limitsConfig, EventPublisher publisher,
                         io.agentpulse.security.keys.KeyVerifier verifier, KeyUsage usage,
                         PrometheusMeterRegistry registry, Clock clock) {
        return router(vertx, config, limitsConfig, publisher, verifier, usage, registry, clock,
                new Drain(config.retryAfterSeconds()), () -> true);
    }

    static Router router(Vertx vertx, GatewayConfig config, LimitsConfig limitsConfig, EventPublisher publisher,
                         io.agentpulse.security.keys.KeyVerifier verifier, KeyUsage usage,
                         PrometheusMeterRegistry registry, Clock clock, Drain drain, BooleanSupplier keysReady) {
        GatewayMetrics metrics = new GatewayMetrics(registry);
        Limits limits = new Limits(limitsConfig, System::nanoTime, registry);
        EventsHandler events = new EventsHandler(vertx, config, () -> config.rules(clock), publisher, metrics, limits);
        TracesHandler traces = new TracesHandler(vertx, config, () -> config.rules(clock), publisher, metrics, limits);
        GatewayPolicy policy = new GatewayPolicy(new BearerAuth(verifier, usage, metrics, config.retryAfterSeconds()),
                metrics);
        Router router = Router.router(vertx);
        boolean tls = config.security().tls();
        Route filter = router.route().setName(POLICY_FILTER).handler(ctx -> {
            SecurityHeaders.apply(ctx.response(), tls, true);
            policy.enforce(ctx);
        });
        OpsRoutes.mount(router, registry, () -> !drain.draining() && publisher.ready() && keysReady.getAsBoolean());
        // Not an endpoint: counts ingest requests in flight and refuses new ones while draining.
        Route gate = router.route("/v1/*").setName(DRAIN_GATE).handler(drain::gate);
        // Two routes: Vert.x wants a BodyHandler before any user handler of the same route, and we
        // want to refuse a wrong media type or an overload before reading a byte of the body.
        router.post("/v1/events").handler(events::admit);
        router.post("/v1/events")
                .handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
                .handler(events::handle)
                .failureHandler(ctx -> failure(ctx, config));
        router.route("/v1/events").handler(ctx -> {
            ctx.response().putHeader("Allow", HttpMethod.POST.name());
            Replies.error(ctx, 405, "Use POST for /v1/events, not " + ctx.request().method().name() + ".");
        });
        router.post("/v1/traces").handler(traces::admit);
        router.post("/v1/traces")
                .handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
                .handler(traces::handle)
                .failureHandler(ctx -> failure(ctx, config));
        GatewayPolicy.check(router, Set.of(filter, gate));
        return router;
    }

    private static void failure(RoutingContext ctx, GatewayConfig config) {
        if (ctx.statusCode() == 413) {
            Replies.error(ctx, 413, Bodies.tooLarge(config.maxBodyBytes(), "").getMessage());
        } else {
            int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            Replies.error(ctx, status, "The gateway failed to handle the request: "
                    + (ctx.failure() == null ? "status " + status : ctx.failure().toString()) + ".");
        }
    }

    /** The bound port (the real one when the config asked for port 0). */
    public int port() {
        return server.actualPort();
    }

    /** Stops accepting, writes the pending last-used times, then closes the server. */
    public Future<Void> close() {
        vertx.cancelTimer(touchTimer);
        return usage.flush().transform(ar -> server.close()); // a failed touch must not keep the port open
    }

    /**
     * Graceful stop (SIGTERM): new ingest requests get 503 with Connection: close, the ones in
     * flight finish (at most {@code timeout}: an in-flight request is answered within the send
     * timeout anyway), then the last-used times are written and the server closes.
     */
    Future<Void> drain(java.time.Duration timeout) {
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> done.tryComplete());
        drain.start().onComplete(ar -> {
            vertx.cancelTimer(timer);
            done.tryComplete();
        });
        return done.future().compose(v -> close());
    }

    /** Ingest requests being handled now. */
    int inFlight() {
        return drain.inFlight();
    }
}
