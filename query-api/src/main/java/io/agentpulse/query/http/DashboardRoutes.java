package io.agentpulse.query.http;

import io.agentpulse.query.plan.Planner;
import io.agentpulse.query.store.EventReader;
import io.agentpulse.query.store.LayoutStore;
import io.agentpulse.query.store.RollupReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * The dashboard's endpoints (agents, models, cost, quality, events, overview, layouts). Each
 * answers JSON, or CSV of the same data with ?format=csv or Accept: text/csv (see Csv).
 */
public final class DashboardRoutes {
    /** Layout owners until users exist: a plain name (see RATIONALE.md). */
    static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final int MAX_LAYOUT_BYTES = 16_384;

    private DashboardRoutes() {}

    public static void mount(Router router, RollupReader rollups, EventReader events, LayoutStore layouts,
                             Planner planner, DashboardConfig cfg, Clock clock, MeterRegistry meters) {
        Breakdowns b = new Breakdowns(rollups, planner);
        AgentsQuery agents = new AgentsQuery(b, events, cfg, clock);
        AgentDetailQuery agent = new AgentDetailQuery(b, events, cfg, clock);
        ModelsQuery models = new ModelsQuery(b, clock);
        CostQuery cost = new CostQuery(b, cfg, clock);
        QualityQuery quality = new QualityQuery(b, events, cfg, clock);
        EventsQuery ev = new EventsQuery(events, clock);
        OverviewQuery overview = new OverviewQuery(b, events, cfg, clock);
        router.get("/api/v1/overview").handler(ctx -> ApiRoutes.answer(ctx, "overview", meters, overview::run));
        router.get("/api/v1/agents").handler(ctx -> ApiRoutes.answer(ctx, "agents", meters, agents::run));
        router.get("/api/v1/agents/:id").handler(ctx -> ApiRoutes.answer(ctx, "agent", meters, agent::run));
        router.get("/api/v1/models").handler(ctx -> ApiRoutes.answer(ctx, "models", meters, models::run));
        router.get("/api/v1/cost").handler(ctx -> ApiRoutes.answer(ctx, "cost", meters, cost::run));
        router.get("/api/v1/quality").handler(ctx -> ApiRoutes.answer(ctx, "quality", meters, quality::run));
        router.get("/api/v1/events").handler(ctx -> ApiRoutes.answer(ctx, "events", meters, ev::list));
        router.get("/api/v1/events/:id").handler(ctx -> ApiRoutes.answer(ctx, "event", meters, ev::one));
        router.get("/api/v1/layouts/:user").handler(ctx -> ApiRoutes.answer(ctx, "layout", meters,
                q -> layouts.get(user(q.apply("user"))).map(l -> new JsonObject().put("user", q.apply("user")).put("layout", l))));
        router.put("/api/v1/layouts/:user").handler(BodyHandler.create().setBodyLimit(MAX_LAYOUT_BYTES))
                .handler(ctx -> ApiRoutes.answer(ctx, "layout", meters, q -> save(ctx, layouts, q.apply("user"))));
    }

    private static Future<JsonObject> save(RoutingContext ctx, LayoutStore layouts, String rawUser) {
        String user = user(rawUser);
        JsonObject layout;
        try {
            layout = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            layout = null;
        }
        if (layout == null) {
            throw new ParamException("body", "not-json", "The layout must be a JSON object.");
        }
        JsonObject saved = layout;
        return layouts.put(user, saved).map(v -> new JsonObject().put("user", user).put("layout", saved));
    }

    private static String user(String raw) {
        if (raw == null || !USER.matcher(raw).matches()) {
            throw new ParamException("user", "out-of-range",
                    "The user name must be 1 to 64 letters, digits, dots, dashes or underscores.");
        }
        return raw;
    }
}
