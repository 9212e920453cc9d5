package io.agentpulse.query.alert;

import io.agentpulse.notify.Channel;
import io.agentpulse.notify.Delivery;
import io.agentpulse.notify.Notice;
import io.agentpulse.notify.Sender;
import io.agentpulse.query.auth.Auditor;
import io.agentpulse.security.Principal;
import io.agentpulse.security.http.SecurityHandler;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Optional;
import java.util.TreeSet;

/**
 * /api/v1/channels: list, read, create, replace, delete, test-send and the recent deliveries of a channel.
 * Every answer masks secrets ({@link ChannelJson}); every change and test-send writes one audit row whose
 * detail names the type and which secrets changed, never their values. Answers and errors as {@link AlertRoutes}.
 */
final class ChannelRoutes {
    private final PgChannelStore store;
    private final Sender sender;
    private final Clock clock;
    private final Auditor audit;
    private final AlertRoutes answers;

    private ChannelRoutes(PgChannelStore store, Sender sender, Clock clock, Auditor audit, AlertRoutes answers) {
        this.store = store;
        this.sender = sender;
        this.clock = clock;
        this.audit = audit;
        this.answers = answers;
    }

    static void mount(Router router, PgChannelStore store, Sender sender, Clock clock, Auditor audit, AlertRoutes answers) {
        ChannelRoutes c = new ChannelRoutes(store, sender, clock, audit, answers);
        BodyHandler body = BodyHandler.create().setBodyLimit(16 * 1024);
        router.get("/api/v1/channels").handler(ctx -> answers.reply(ctx, 200, store.list().map(l -> new JsonObject()
                .put("channels", new JsonArray(l.stream().map(ChannelJson::masked).toList())))));
        router.get("/api/v1/channels/:id").handler(ctx -> answers.reply(ctx, 200, c.find(ctx).map(ChannelJson::masked)));
        router.post("/api/v1/channels").handler(body).handler(ctx -> c.put(ctx, null));
        router.put("/api/v1/channels/:id").handler(body).handler(ctx -> c.put(ctx, ctx.pathParam("id")));
        router.delete("/api/v1/channels/:id").handler(c::delete);
        router.post("/api/v1/channels/:id/test").handler(c::test);
        router.get("/api/v1/channels/:id/deliveries").handler(ctx -> answers.reply(ctx, 200, c.find(ctx)
                .compose(ch -> store.deliveries(ch.id(), AlertRoutes.limit(ctx))).map(d -> new JsonObject().put("deliveries", d))));
    }

    private Future<Channel> find(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        return store.get(id).map(o -> o.orElseThrow(() -> new AlertRoutes.NotFound("No channel has the id " + id + ".")));
    }

    private void put(RoutingContext ctx, String pathId) {
        JsonObject b;
        try {
            b = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            answers.bad(ctx, new IllegalArgumentException("body: is not JSON (" + e.getMessage() + ")."));
            return;
        }
        Future<Optional<Channel>> stored = pathId == null ? Future.succeededFuture(Optional.empty()) : store.get(pathId);
        stored.onFailure(err -> answers.reply(ctx, 200, Future.failedFuture(err))).onSuccess(old -> {
            Channel c;
            try {
                c = ChannelJson.parse(b, pathId, old);
            } catch (RuntimeException e) {
                answers.bad(ctx, e);
                return;
            }
            answers.reply(ctx, pathId == null ? 201 : 200, store.put(c, by(ctx), pathId != null).compose(created -> {
                if (created.isEmpty()) {
                    return Future.failedFuture(new AlertRoutes.Conflict("A channel with the id " + c.id()
                            + " exists; PUT /api/v1/channels/" + c.id() + " replaces it."));
                }
                JsonObject detail = new JsonObject().put("type", c.type().wire()).put("name", c.name())
                        .put("secrets_changed", new JsonArray(changed(old, c)));
                return audit.record(ctx, created.get() ? "channel.create" : "channel.update", c.id(), detail)
                        .map(v -> ChannelJson.masked(c));
            }));
        });
    }

    /** The names (never the values) of the secrets this edit set, replaced or cleared. */
    private static java.util.List<String> changed(Optional<Channel> old, Channel now) {
        TreeSet<String> keys = new TreeSet<>(now.secrets().keySet());
        old.ifPresent(o -> keys.addAll(o.secrets().keySet()));
        keys.removeIf(k -> old.isPresent() && java.util.Objects.equals(old.get().secrets().get(k), now.secrets().get(k)));
        return java.util.List.copyOf(keys);
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        answers.reply(ctx, 200, store.delete(id).compose(found -> found
                ? audit.record(ctx, "channel.delete", id, new JsonObject()).map(v -> new JsonObject().put("deleted", id))
                : Future.failedFuture(new AlertRoutes.NotFound("No channel has the id " + id + "."))));
    }

    /** Sends the test notice now (on a worker: HTTP or SMTP blocks), records it as a delivery and answers its outcome. */
    private void test(RoutingContext ctx) {
        answers.reply(ctx, 200, find(ctx).compose(ch -> ctx.vertx().executeBlocking(() -> sender.send(ch, Notice.test(clock.instant(), by(ctx))))
                .compose(d -> store.logTest(ch.id(), d, clock.instant())
                        .compose(v -> audit.record(ctx, "channel.test", ch.id(), new JsonObject().put("outcome", outcome(d))))
                        .map(v -> new JsonObject().put("channel", ch.id()).put("outcome", outcome(d)).put("status", d.status())
                                .put("error", d.error())))));
    }

    private static String outcome(Delivery d) {
        return d.ok() ? "delivered" : "failed";
    }

    private static String by(RoutingContext ctx) {
        Principal p = SecurityHandler.principal(ctx);
        return p == null ? "anonymous" : p.name();
    }
}
