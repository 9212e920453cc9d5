package io.agentpulse.query.http;

import io.agentpulse.query.auth.Auditor;
import io.agentpulse.query.plan.Planner;
import io.agentpulse.security.Principal;
import io.agentpulse.security.http.SecurityHandler;
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

/**
 * The dashboard's endpoints (agents, models, cost, quality, errors, events, overview, layouts). Each
 * answers JSON, or CSV of the same data with ?format=csv or Accept: text/csv (see Csv).
 */
public final class DashboardRoutes {
    static final int MAX_LAYOUT_BYTES = 16_384;

    private DashboardRoutes() {}

    public static void mount(Router router, RollupReader rollups, EventReader events, LayoutStore layouts,
                             Planner planner, DashboardConfig cfg, Clock clock, MeterRegistry meters, Auditor audit) {
        Breakdowns b = new Breakdowns(rollups, planner);
        AgentsQuery agents = new AgentsQuery(b, events, cfg, clock);
        AgentDetailQuery agent = new AgentDetailQuery(b, events, cfg, clock);
        ModelsQuery models = new ModelsQuery(b, clock);
        CostQuery cost = new CostQuery(b, cfg, clock);
        QualityQuery quality = new QualityQuery(b, cfg, clock);
        EventsQuery ev = new EventsQuery(events, planner.dimensions(), clock);
        ErrorsQuery errors = new ErrorsQuery(b, rollups, clock);
        OverviewQuery overview = new OverviewQuery(b, events, cfg, clock);
        DimensionsQuery dims = new DimensionsQuery(rollups, b, clock);
        router.get("/api/v1/dimensions").handler(ctx -> ApiRoutes.answer(ctx, "dimensions", meters, dims::list));
        router.get("/api/v1/dimensions/:name").handler(ctx -> ApiRoutes.answer(ctx, "dimension", meters,
                Compare.wrap(dims::breakdown, clock)));
        router.get("/api/v1/overview").handler(ctx -> ApiRoutes.answer(ctx, "overview", meters, overview::run));
        router.get("/api/v1/agents").handler(ctx -> ApiRoutes.answer(ctx, "agents", meters, Compare.wrap(agents::run, clock)));
        router.get("/api/v1/agents/:id").handler(ctx -> ApiRoutes.answer(ctx, "agent", meters, Compare.wrap(agent::run, clock)));
        router.get("/api/v1/models").handler(ctx -> ApiRoutes.answer(ctx, "models", meters, Compare.wrap(models::run, clock)));
        router.get("/api/v1/cost").handler(ctx -> ApiRoutes.answer(ctx, "cost", meters, Compare.wrap(cost::run, clock)));
        router.get("/api/v1/quality").handler(ctx -> ApiRoutes.answer(ctx, "quality", meters, Compare.wrap(quality::run, clock)));
        router.get("/api/v1/errors").handler(ctx -> ApiRoutes.answer(ctx, "errors", meters, Compare.wrap(errors::run, clock)));
        router.get("/api/v1/events").handler(ctx -> ApiRoutes.answer(ctx, "events", meters, ev::list));
        router.get("/api/v1/events/:id").handler(ctx -> ApiRoutes.answer(ctx, "event", meters, ev::one));
        router.get("/api/v1/layouts/:user").handler(DashboardRoutes::ownerOnly).handler(ctx -> ApiRoutes.answer(ctx, "layout",
                meters, q -> layouts.get(owner(ctx)).map(l -> new JsonObject().put("user", owner(ctx)).put("layout", l))));
        router.put("/api/v1/layouts/:user").handler(BodyHandler.create().setBodyLimit(MAX_LAYOUT_BYTES)).handler(DashboardRoutes::ownerOnly)
                .handler(ctx -> ApiRoutes.answer(ctx, "layout", meters, q -> save(ctx, layouts, audit)));
    }

    private static Future<JsonObject> save(RoutingContext ctx, LayoutStore layouts, Auditor audit) {
        String user = owner(ctx);
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
        return layouts.put(user, saved).compose(v -> audit.record(ctx, "layout.save", user, new JsonObject()))
                .map(v -> new JsonObject().put("user", user).put("layout", saved));
    }

    /**
     * A layout belongs to the authenticated caller: the path must name them ("me" or their own name); another
     * name is refused (403), so nobody reads or overwrites someone else's layout.
     */
    private static void ownerOnly(RoutingContext ctx) {
        Principal p = SecurityHandler.principal(ctx);
        String raw = ctx.pathParam("user");
        if (p == null || !("me".equals(raw) || p.name().equals(raw))) {
            SecurityHandler.refuse(ctx, 403, "forbidden", "A layout can only be read or saved by its owner: use "
                    + "/api/v1/layouts/me or your own username.");
            return;
        }
        ctx.next();
    }

    private static String owner(RoutingContext ctx) {
        return SecurityHandler.principal(ctx).name();
    }
}
