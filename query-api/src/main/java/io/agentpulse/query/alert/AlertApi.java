package io.agentpulse.query.alert;

import io.agentpulse.notify.Senders;
import io.agentpulse.query.QueryConfig;
import io.agentpulse.query.auth.Auditor;
import io.agentpulse.query.plan.Planner;
import io.agentpulse.query.store.PgRollupReader;
import io.agentpulse.query.sse.SseHub;
import io.agentpulse.contract.registry.HttpSchemaRegistryClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Clock;

/** Wires the alert routes, their pool, the rule publisher and the SSE alert feed into the query API. */
public final class AlertApi implements AutoCloseable {
    /** How long a test-send waits for the channel's receiver (HTTP or SMTP) before it is reported failed. */
    static final java.time.Duration TEST_TIMEOUT = java.time.Duration.ofSeconds(10);
    private final Pool pool;
    private final RulePublisher publisher;
    private final KafkaAlertFeed feed;

    private AlertApi(Pool pool, RulePublisher publisher, KafkaAlertFeed feed) {
        this.pool = pool;
        this.publisher = publisher;
        this.feed = feed;
    }

    public static AlertApi mount(Vertx vertx, Router router, QueryConfig cfg, SseHub hub, Clock clock, MeterRegistry meters,
                                 Auditor audit) {
        PgConnectOptions connect = cfg.auth().dbTls().apply(PgRollupReader.tune(new PgConnectOptions().setHost(cfg.dbHost()).setPort(cfg.dbPort())
                .setDatabase(cfg.dbName()).setUser(cfg.dbUser()).setPassword(cfg.dbPassword())));
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(connect).using(vertx).build();
        RulePublisher publisher = new KafkaRulePublisher(cfg.kafka());
        KafkaAlertFeed feed = new KafkaAlertFeed(cfg.kafka(), HttpSchemaRegistryClient.create(cfg.registry()),
                cfg.sse().alertBackfillMax());
        // SLO totals follow the same planner (filled tables) as the dashboard.
        AlertRoutes routes = AlertRoutes.mount(router, new PgAlertStore(pool, new Planner(cfg.filledGranularities(), java.time.Clock.systemUTC(), Planner.SETTLE)), publisher, hub::offerEvent,
                clock, meters, audit);
        // channels: CRUD, test-send (its own short timeout: an operator waits for the answer), deliveries
        ChannelRoutes.mount(router, new PgChannelStore(pool), new Senders(TEST_TIMEOUT), clock, audit, routes);
        // price versions and repricing jobs (issue 13) on the same pool: small, admin-written tables
        io.agentpulse.query.price.PriceRoutes.mount(router, pool, clock, audit);
        hub.alerts(feed); // transitions with resumable ids: their position in agentpulse.alerts
        return new AlertApi(pool, publisher, feed);
    }

    public boolean feedReady() {
        return feed.ready();
    }

    @Override
    public void close() {
        feed.close();
        publisher.close();
        pool.close();
    }
}
