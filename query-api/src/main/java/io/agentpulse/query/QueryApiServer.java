package io.agentpulse.query;

import io.agentpulse.ops.ConfigException;
import io.agentpulse.ops.OpsRoutes;
import io.agentpulse.ops.PgPools;
import io.agentpulse.query.alert.AlertApi;
import io.agentpulse.query.auth.QuerySecurity;
import io.agentpulse.query.http.ApiRoutes;
import io.agentpulse.query.http.DashboardRoutes;
import io.agentpulse.query.http.StaticRoutes;
import io.agentpulse.query.plan.Planner;
import io.agentpulse.query.sse.KafkaRollupFeed;
import io.agentpulse.query.sse.RollupFeed;
import io.agentpulse.query.sse.SseHub;
import io.agentpulse.query.store.DashboardStores;
import io.agentpulse.query.store.PgEventReader;
import io.agentpulse.query.store.PgLayoutStore;
import io.agentpulse.query.store.PgRollupReader;
import io.agentpulse.query.store.SettledSketches;
import io.agentpulse.query.store.RollupReader;
import io.agentpulse.contract.registry.HttpSchemaRegistryClient;
import io.agentpulse.security.stores.SecurityStores;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The query API: REST over the rollup tables, SSE of live rollups, ops routes and the web UI.
 * Everything runs on one Vert.x context, so the SSE hub and the routes share a thread.
 */
public final class QueryApiServer {
    /** How often readiness re-checks the database, ms. */
    static final long READY_CHECK_MS = 2_000;

    private final Vertx vertx;
    private final HttpServer http;
    private final RollupReader reader;
    private final RollupFeed feed;
    private final SseHub hub;
    private final long readyTimer;
    private AlertApi alerts;
    private long purgeTimer = -1;
    private Router router;

    private QueryApiServer(Vertx vertx, HttpServer http, RollupReader reader, RollupFeed feed, SseHub hub, long readyTimer) {
        this.vertx = vertx;
        this.http = http;
        this.reader = reader;
        this.feed = feed;
        this.hub = hub;
        this.readyTimer = readyTimer;
    }

    /** Which alert parts a server mounts (see {@link AlertApi}). */
    public enum Alerts {
        /** No alert, channel or price routes. */
        NONE,
        /** Rules published to Kafka, transitions streamed from it (production). */
        KAFKA,
        /** The routes on PostgreSQL only: rule changes are stored but not published, no transitions (the bench). */
        WITHOUT_KAFKA
    }

    /** PostgreSQL from the config, SSE fed by Kafka (agentpulse.rollups) through the registry. */
    public static Future<QueryApiServer> start(Vertx vertx, QueryConfig cfg, PrometheusMeterRegistry registry) {
        try {
            cfg.kafka().verify(); // a wrong password or CA fails here, in one sentence
        } catch (ConfigException e) {
            return Future.failedFuture(e);
        }
        Pool pool = pool(vertx, cfg);
        return checked(vertx, cfg, pool).compose(ok -> start(vertx, cfg, SettledSketches.wrap(new PgRollupReader(pool), cfg.sketchCache(), Clock.systemUTC()), pgStores(pool),
                SecurityStores.pg(pool, Clock.systemUTC()),
                new KafkaRollupFeed(cfg.kafka(), HttpSchemaRegistryClient.create(cfg.registry()), registry),
                registry, Clock.systemUTC(), Alerts.KAFKA));
    }

    /** PostgreSQL from the config, SSE fed by the given feed. */
    public static Future<QueryApiServer> start(Vertx vertx, QueryConfig cfg, RollupFeed feed, PrometheusMeterRegistry registry) {
        Pool pool = pool(vertx, cfg);
        return checked(vertx, cfg, pool).compose(ok -> start(vertx, cfg, SettledSketches.wrap(new PgRollupReader(pool), cfg.sketchCache(), Clock.systemUTC()), pgStores(pool),
                SecurityStores.pg(pool, Clock.systemUTC()), feed, registry, Clock.systemUTC(), Alerts.NONE));
    }

    /** A TLS misconfiguration of AGENTPULSE_DB_URL stops the start with a sentence; a database that is down does not. */
    private static Future<Pool> checked(Vertx vertx, QueryConfig cfg, Pool pool) {
        return PgPools.checked(vertx, pool, connect(cfg), cfg.auth().dbTls());
    }

    /** Rollups injected, the dashboard's other stores in memory (tests: a fixed clock). */
    public static Future<QueryApiServer> start(Vertx vertx, QueryConfig cfg, RollupReader reader, RollupFeed feed,
                                               PrometheusMeterRegistry registry, Clock clock) {
        return start(vertx, cfg, reader, DashboardStores.inMemory(), SecurityStores.inMemory(clock), feed, registry, clock, Alerts.NONE);
    }

    /** Everything injected but security (in memory; tests: in-memory readers and feed, a fixed clock). */
    public static Future<QueryApiServer> start(Vertx vertx, QueryConfig cfg, RollupReader reader, DashboardStores stores,
                                               RollupFeed feed, PrometheusMeterRegistry registry, Clock clock) {
        return start(vertx, cfg, reader, stores, SecurityStores.inMemory(clock), feed, registry, clock, Alerts.NONE);
    }

    /**
     * Everything injected but security (in memory), and the alert parts on the config's PostgreSQL
     * ({@code alerts}): the bench starts the server so, with its clock fixed at its data's end.
     */
    public static Future<QueryApiServer> start(Vertx vertx, QueryConfig cfg, RollupReader reader, DashboardStores stores,
                                               RollupFeed feed, PrometheusMeterRegistry registry, Clock clock, Alerts alerts) {
        return start(vertx, cfg, reader, stores, SecurityStores.inMemory(clock), feed, registry, clock, alerts);
    }

    /** Everything injected, security stores too (tests that create users and keys directly). */
    public static Future<QueryApiServer> start(Vertx vertx, QueryConfig cfg, RollupReader reader, DashboardStores stores,
                                               SecurityStores security, RollupFeed feed, PrometheusMeterRegistry registry,
                                               Clock clock) {
        return start(vertx, cfg, reader, stores, security, feed, registry, clock, Alerts.NONE);
    }

    /** @param alerts which alert parts to mount (their own pool, rule publisher and SSE alert feed) */
    static Future<QueryApiServer> start(Vertx vertx, QueryConfig cfg, RollupReader reader, DashboardStores stores,
                                        SecurityStores securityStores, RollupFeed feed, PrometheusMeterRegistry registry,
                                        Clock clock, Alerts alerts) {
        Context context = vertx.getOrCreateContext();
        Promise<QueryApiServer> started = Promise.promise();
        context.runOnContext(v -> {
            // a mounting error (e.g. an undeclared route) fails the start instead of leaving it pending
            try {
                SseHub hub = new SseHub(vertx, cfg.sse(), clock, registry);
                AtomicBoolean dbUp = new AtomicBoolean();
                Runnable check = () -> reader.ping().onComplete(ar -> dbUp.set(ar.succeeded()));
                check.run();
                long timer = vertx.setPeriodic(READY_CHECK_MS, id -> check.run());
                Router router = Router.router(vertx);
                QuerySecurity security = new QuerySecurity(vertx, cfg.auth(), securityStores, clock);
                security.install(router);
                OpsRoutes.mount(router, registry, dbUp::get);
                Planner planner = new Planner(cfg.filledGranularities(), java.time.Clock.systemUTC(), Planner.SETTLE, cfg.dimensions());
                ApiRoutes.mount(router, reader, planner, clock, registry);
                DashboardRoutes.mount(router, reader, stores.events(), stores.layouts(), planner,
                        cfg.dashboard(), clock, registry, security.auditor());
                io.agentpulse.query.http.HostsQuery.mount(router, stores.hosts(), clock, registry);
                io.agentpulse.query.http.GraphQuery.mount(router, stores.calls(), clock, registry);
                AlertApi alertApi = alerts == Alerts.NONE ? null : alerts(vertx, router, cfg, alerts, hub,
                        new AlertApi.Context(clock, registry, security.auditor(), hub::offerEvent));
                router.get("/api/v1/stream").handler(hub::handle);
                security.mountRoutes(router);
                StaticRoutes.mount(router);
                long purge = security.schedulePurge();
                Future<Void> checked;
                try {
                    security.check(router);
                    checked = Future.succeededFuture();
                } catch (IllegalStateException e) {
                    checked = Future.failedFuture(e);
                }
                checked.compose(ok -> security.bootstrap())
                        .compose(ok -> vertx.createHttpServer(security.serverOptions()).requestHandler(router).listen(cfg.port(), cfg.host()))
                        .map(http -> {
                            feed.start(hub::offer);
                            QueryApiServer server = new QueryApiServer(vertx, http, reader, feed, hub, timer);
                            server.alerts = alertApi;
                            server.purgeTimer = purge;
                            server.router = router;
                            return server;
                        })
                        .onFailure(err -> {
                            if (alertApi != null) {
                                alertApi.close();
                            }
                            vertx.cancelTimer(timer);
                            vertx.cancelTimer(purge);
                            hub.close();
                            reader.close();
                        })
                        .onComplete(started);
            } catch (RuntimeException e) {
                started.tryFail(e);
            }
        });
        return started.future();
    }

    /**
     * The query API's pool on the config's database ({@code dbPoolSize} connections, TLS and plans as
     * {@link #connect} sets them): public so the bench reads with the very pool the server opens.
     */
    public static Pool pool(Vertx vertx, QueryConfig cfg) {
        return PgPools.pool(vertx, connect(cfg).setCachePreparedStatements(true), cfg.dbPoolSize());
    }

    /**
     * The database of the config as every service reaches it (PgPools: address, credentials, TLS), plus the
     * query API's own session settings: plans tuned as the rollup reader needs (PgRollupReader.tune).
     */
    static PgConnectOptions connect(QueryConfig cfg) {
        return PgRollupReader.tune(PgPools.options(cfg.dbHost(), cfg.dbPort(), cfg.dbName(), cfg.dbUser(), cfg.dbPassword(),
                cfg.auth().dbTls()));
    }

    /** The alert parts on the config's database; with Kafka, the hub streams their transitions. */
    private static AlertApi alerts(Vertx vertx, Router router, QueryConfig cfg, Alerts alerts, SseHub hub, AlertApi.Context ctx) {
        // SLO totals follow the same planner (filled tables) as the dashboard.
        Planner planner = new Planner(cfg.filledGranularities(), Clock.systemUTC(), Planner.SETTLE);
        Optional<AlertApi.Kafka> kafka = alerts == Alerts.KAFKA ? Optional.of(new AlertApi.Kafka(cfg.kafka(),
                HttpSchemaRegistryClient.create(cfg.registry()), cfg.sse().alertBackfillMax())) : Optional.empty();
        AlertApi api = AlertApi.mount(vertx, router, connect(cfg), planner, kafka, ctx);
        api.streamTo(hub, cfg.sse().alertReplaySize(), ctx.meters()); // resumable ids: positions in agentpulse.alerts
        return api;
    }

    /** The dashboard's raw-event reader and layout store on the rollup reader's pool (closed with it). */
    static DashboardStores pgStores(Pool pool) {
        return new DashboardStores(new PgEventReader(pool), new PgLayoutStore(pool), new io.agentpulse.query.store.PgHostReader(pool),
                new io.agentpulse.query.store.PgCallGraphReader(pool));
    }

    /** The mounted routes (tests walk them to call every route). */
    Router router() {
        return router;
    }

    public int port() {
        return http.actualPort();
    }

    public Future<Void> close() {
        vertx.cancelTimer(readyTimer);
        vertx.cancelTimer(purgeTimer);
        if (alerts != null) {
            alerts.close();
        }
        feed.close();
        hub.close();
        return http.close().eventually(() -> reader.close());
    }
}
