package io.agentpulse.registry;

import io.agentpulse.contract.registry.SchemaRegistryException;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent REST subset, with Confluent's JSON bodies and error bodies
 * ({@code {"error_code":40401,"message":...}}). Handlers run on worker threads: registrations
 * write the state file before answering.
 */
final class RegistryRoutes {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** Registry requests are small; a schema of 1 MiB is already absurd. */
    private static final long BODY_LIMIT_BYTES = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(RegistryRoutes.class);

    private final SchemaStore store;

    private RegistryRoutes(SchemaStore store) {
        this.store = store;
    }

    /** {@code userInfoOrNull}: the {@code user:password} every request must carry, or null for none. */
    static Router router(io.vertx.core.Vertx vertx, SchemaStore store, String userInfoOrNull) {
        RegistryRoutes r = new RegistryRoutes(store);
        Router router = Router.router(vertx);
        if (userInfoOrNull != null) {
            // First, so nothing (not even GET /) answers an unauthenticated client.
            router.route().handler(new BasicAuthCheck(userInfoOrNull));
        }
        router.route().handler(BodyHandler.create().setBodyLimit(BODY_LIMIT_BYTES));
        router.get("/").handler(ctx -> ok(ctx, new JsonObject()));
        router.get("/subjects").blockingHandler(r.handle(ctx -> new JsonArray(store.subjects())), false);
        router.post("/subjects/:subject/versions").blockingHandler(r.handle(r::register), false);
        router.post("/subjects/:subject").blockingHandler(r.handle(r::lookup), false);
        router.get("/subjects/:subject/versions").blockingHandler(
            r.handle(ctx -> new JsonArray(store.versions(ctx.pathParam("subject")))), false);
        router.get("/subjects/:subject/versions/:version").blockingHandler(r.handle(r::version), false);
        router.get("/schemas/ids/:id").blockingHandler(r.handle(r::schemaById), false);
        router.post("/compatibility/subjects/:subject/versions/:version").blockingHandler(r.handle(r::compatibility), false);
        router.get("/config").blockingHandler(
            r.handle(ctx -> new JsonObject().put("compatibilityLevel", store.globalLevel().name())), false);
        router.put("/config").blockingHandler(r.handle(ctx -> r.setLevel(ctx, null)), false);
        router.get("/config/:subject").blockingHandler(r.handle(r::subjectLevel), false);
        router.put("/config/:subject").blockingHandler(r.handle(ctx -> r.setLevel(ctx, ctx.pathParam("subject"))), false);
        return router;
    }

    private JsonObject register(RoutingContext ctx) {
        return new JsonObject().put("id", store.register(ctx.pathParam("subject"), schemaOf(ctx)));
    }

    private JsonObject lookup(RoutingContext ctx) {
        return versionJson(store.lookup(ctx.pathParam("subject"), schemaOf(ctx)));
    }

    private JsonObject version(RoutingContext ctx) {
        return versionJson(store.version(ctx.pathParam("subject"), ctx.pathParam("version")));
    }

    private JsonObject schemaById(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        int id;
        try {
            id = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + raw + " not found.");
        }
        return new JsonObject().put("schema", store.schemaText(id));
    }

    private JsonObject compatibility(RoutingContext ctx) {
        boolean ok = store.isCompatible(ctx.pathParam("subject"), ctx.pathParam("version"), schemaOf(ctx));
        return new JsonObject().put("is_compatible", ok);
    }

    private JsonObject subjectLevel(RoutingContext ctx) {
        String subject = ctx.pathParam("subject");
        boolean fallBack = "true".equalsIgnoreCase(ctx.queryParams().get("defaultToGlobal"));
        CompatibilityLevel level = store.subjectLevel(subject).orElseGet(() -> {
            if (fallBack) {
                return store.globalLevel();
            }
            throw new SchemaRegistryException(SchemaRegistryException.SUBJECT_CONFIG_NOT_FOUND,
                "Subject \"" + subject + "\" does not have subject-level compatibility configured.");
        });
        return new JsonObject().put("compatibilityLevel", level.name());
    }

    private JsonObject setLevel(RoutingContext ctx, String subjectOrNull) {
        String requested = body(ctx).getString("compatibility");
        if (requested == null) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_COMPATIBILITY,
                "The request body needs a \"compatibility\" field.");
        }
        CompatibilityLevel level = CompatibilityLevel.parse(requested);
        store.setLevel(subjectOrNull, level);
        return new JsonObject().put("compatibility", level.name());
    }

    /** The "schema" of a request body; only Avro without references is accepted. */
    private static Schema schemaOf(RoutingContext ctx) {
        JsonObject body = body(ctx);
        String type = body.getString("schemaType", "AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA,
                "Only AVRO schemas are supported by this registry, got schemaType " + type + ".");
        }
        JsonArray refs = body.getJsonArray("references");
        if (refs != null && !refs.isEmpty()) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA,
                "Schema references are not supported by this registry.");
        }
        return SchemaRegistryException.parseSchema(body.getString("schema"));
    }

    private static JsonObject body(RoutingContext ctx) {
        try {
            JsonObject json = ctx.body().asJsonObject();
            return json == null ? new JsonObject() : json;
        } catch (DecodeException | ClassCastException e) {
            throw new BadRequest("The request body is not a JSON object: " + e.getMessage());
        }
    }

    private static JsonObject versionJson(SchemaStore.Version v) {
        return new JsonObject().put("subject", v.subject()).put("version", v.version()).put("id", v.id())
            .put("schema", v.schema());
    }

    /** Runs a handler and answers its JSON, or the Confluent error body. */
    private io.vertx.core.Handler<RoutingContext> handle(Function<RoutingContext, Object> handler) {
        return ctx -> {
            try {
                Object body = handler.apply(ctx);
                ok(ctx, body);
            } catch (SchemaRegistryException e) {
                error(ctx, e.httpStatus(), e.errorCode(), e.getMessage());
            } catch (BadRequest e) {
                error(ctx, 400, 400, e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("Schema registry request {} {} failed", ctx.request().method(), ctx.request().path(), e);
                error(ctx, 500, 500, "Internal error: " + e);
            }
        };
    }

    private static void ok(RoutingContext ctx, Object body) {
        String text = body instanceof JsonArray a ? a.encode() : ((JsonObject) body).encode();
        ctx.response().putHeader("Content-Type", CONTENT_TYPE).end(text);
    }

    private static void error(RoutingContext ctx, int status, int code, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE)
            .end(new JsonObject().put("error_code", code).put("message", message).encode());
    }

    /** A request the registry cannot parse at all. */
    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
