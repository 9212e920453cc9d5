package io.agentpulse.ingest.gateway;

import io.agentpulse.ingest.limits.Limits;
import io.agentpulse.ingest.limits.LimitsConfig;
import io.agentpulse.ingest.publish.EventPublisher;
import io.agentpulse.ops.OpsRoutes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;

/**
 * The ingest gateway's HTTP server: {@code POST /v1/events}, plus {@code /healthz}, {@code /readyz}
 * (ready once the publisher reached Kafka) and {@code /metrics}. The publisher belongs to the caller:
 * {@link #close()} stops the server only; {@link #drain} lets in-flight requests finish first.
 */
public final class GatewayServer {
    private final Vertx vertx;
    private final HttpServer server;
    private final Drain drain;

    private GatewayServer(Vertx vertx, HttpServer server, Drain drain) {
        this.vertx = vertx;
        this.server = server;
        this.drain = drain;
    }

    public static Future<GatewayServer> start(Vertx vertx, GatewayConfig config, EventPublisher publisher,
                                              PrometheusMeterRegistry registry) {
        return start(vertx, config, publisher, registry, Clock.systemUTC());
    }

    /** As {@link #start(Vertx, GatewayConfig, EventPublisher, PrometheusMeterRegistry)}, judging event times on {@code clock}. */
    public static Future<GatewayServer> start(Vertx vertx, GatewayConfig config, EventPublisher publisher,
                                              PrometheusMeterRegistry registry, Clock clock) {
        // The limits have their own typed config (AGENTPULSE_GATEWAY_* variables, see limits.LimitsConfig).
        return start(vertx, config, LimitsConfig.fromEnv(System.getenv()), publisher, registry, clock);
    }

    /** As above with explicit limits (rate per key, batch size, cardinality). */
    public static Future<GatewayServer> start(Vertx vertx, GatewayConfig config, LimitsConfig limits,
                                              EventPublisher publisher, PrometheusMeterRegistry registry, Clock clock) {
        Drain drain = new Drain(config.retryAfterSeconds());
        Router router = router(vertx, config, limits, publisher, registry, clock, drain);
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                // We inflate gzip ourselves, bounded by the decompressed size (see Bodies.gunzip).
                .setDecompressionSupported(false);
        return vertx.createHttpServer(options).requestHandler(router).listen().map(http -> new GatewayServer(vertx, http, drain));
    }

    static Router router(Vertx vertx, GatewayConfig config, EventPublisher publisher,
                         PrometheusMeterRegistry registry, Clock clock) {
        return router(vertx, config, LimitsConfig.defaults(), publisher, registry, clock);
    }

    static Router router(Vertx vertx, GatewayConfig config, LimitsConfig limitsConfig, EventPublisher publisher,
                         PrometheusMeterRegistry registry, Clock clock) {
        return router(vertx, config, limitsConfig, publisher, registry, clock, new Drain(config.retryAfterSeconds()));
    }

    static Router router(Vertx vertx, GatewayConfig config, LimitsConfig limitsConfig, EventPublisher publisher,
                         PrometheusMeterRegistry registry, Clock clock, Drain drain) {
        GatewayMetrics metrics = new GatewayMetrics(registry);
        Limits limits = new Limits(limitsConfig, System::nanoTime, registry);
        EventsHandler events = new EventsHandler(vertx, config, () -> config.rules(clock), publisher, metrics, limits);
        TracesHandler traces = new TracesHandler(vertx, config, () -> config.rules(clock), publisher, metrics, limits);
        Router router = Router.router(vertx);
        OpsRoutes.mount(router, registry, () -> !drain.draining() && publisher.ready());
        router.route("/v1/*").handler(drain::gate);
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

    public Future<Void> close() {
        return server.close();
    }

    /**
     * Graceful stop (SIGTERM): new ingest requests get 503 with Connection: close, the ones in
     * flight finish (at most {@code timeout}: an in-flight request is answered within the send
     * timeout anyway), then the server closes.
     */
    public Future<Void> drain(java.time.Duration timeout) {
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> done.tryComplete());
        drain.start().onComplete(ar -> {
            vertx.cancelTimer(timer);
            done.tryComplete();
        });
        return done.future().compose(v -> server.close());
    }

    /** Ingest requests being handled now. */
    int inFlight() {
        return drain.inFlight();
    }
}
