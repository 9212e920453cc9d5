package io.agentpulse.query.alert;

import io.agentpulse.notify.Senders;
import io.agentpulse.ops.KafkaClients;
import io.agentpulse.ops.PgPools;
import io.agentpulse.query.auth.Auditor;
import io.agentpulse.query.plan.Planner;
import io.agentpulse.query.sse.SseHub;
import io.agentpulse.contract.registry.SchemaRegistryClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The query API's alert parts in one entry: the alert, channel and price routes on their own pool,
 * the rule publisher and the alert feed the SSE hub streams. With Kafka, rule changes go to
 * agentpulse.alert-rules and transitions come from agentpulse.alerts; without (the bench), rule
 * changes are only stored and there is no feed.
 */
public final class AlertApi implements AutoCloseable {
    /** How long a test-send waits for the channel's receiver (HTTP or SMTP) before it is reported failed. */
    static final java.time.Duration TEST_TIMEOUT = java.time.Duration.ofSeconds(10);
    /** Connections of the alert pool: small, operator-driven traffic. */
    static final int POOL_SIZE = 4;
    private final Pool pool;
    private final RulePublisher publisher;
    private final KafkaAlertFeed feed;

    /** Where rules are published and transitions read: the cluster, its registry and the SSE backfill bound. */
    public record Kafka(KafkaClients clients, SchemaRegistryClient registry, int backfillMax) {}

    /** The request context of the routes: clock, meters, audit and the sink of operator actions (SSE `alert-action`). */
    public record Context(Clock clock, MeterRegistry meters, Auditor audit, BiConsumer<String, JsonObject> events) {}

    private AlertApi(Pool pool, RulePublisher publisher, KafkaAlertFeed feed) {
        this.pool = pool;
        this.publisher = publisher;
        this.feed = feed;
    }

    /**
     * Mounts the routes on {@code router}.
     * @param db      the database (a pool of {@link #POOL_SIZE} connections is opened on it, closed by {@link #close})
     * @param planner the dashboard's planner: SLO totals read the same filled tables
     * @param kafka   empty: rule changes are not published and no transition feed is started
     */
    public static AlertApi mount(Vertx vertx, Router router, PgConnectOptions db, Planner planner, Optional<Kafka> kafka,
                                 Context ctx) {
        Pool pool = PgPools.pool(vertx, db, POOL_SIZE);
        RulePublisher publisher = kafka.<RulePublisher>map(k -> new KafkaRulePublisher(k.clients())).orElseGet(InMemoryRulePublisher::new);
        KafkaAlertFeed feed = kafka.map(k -> new KafkaAlertFeed(k.clients(), k.registry(), k.backfillMax())).orElse(null);
        AlertRoutes routes = AlertRoutes.mount(router, new PgAlertStore(pool, planner), publisher, ctx.events(), ctx.clock(),
                ctx.meters(), ctx.audit());
        // channels: CRUD, test-send (its own short timeout: an operator waits for the answer), deliveries
        ChannelRoutes.mount(router, new PgChannelStore(pool), new Senders(TEST_TIMEOUT), ctx.clock(), ctx.audit(), routes);
        // price versions and repricing jobs (issue 13) on the same pool: small, admin-written tables
        io.agentpulse.query.price.PriceRoutes.mount(router, pool, ctx.clock(), ctx.audit());
        return new AlertApi(pool, publisher, feed);
    }

    /**
     * With Kafka, {@code hub} streams the transitions as `alert` events with resumable ids (their position in
     * agentpulse.alerts), the last {@code replaySize} kept in memory; without, nothing (no feed).
     */
    public void streamTo(SseHub hub, int replaySize, MeterRegistry meters) {
        if (feed != null) {
            AlertStream.carry(hub, replaySize, feed, meters);
        }
    }

    @Override
    public void close() {
        if (feed != null) {
            feed.close();
        }
        publisher.close();
        pool.close();
    }
}
