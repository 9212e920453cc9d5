package io.agentpulse.query.auth;

import static io.agentpulse.security.policy.Access.ADMIN;
import static io.agentpulse.security.policy.Access.OPERATOR;
import static io.agentpulse.security.policy.Access.PUBLIC;
import static io.agentpulse.security.policy.Access.VIEWER;

import io.agentpulse.security.policy.RoutePolicy;

/**
 * Every route of the query API and who may call it (docs/SECURITY.md). The server refuses to start when it
 * mounts a route missing here, and refuses requests that match no line (deny by default).
 */
public final class QueryPolicy {
    public static final RoutePolicy POLICY = RoutePolicy.builder()
            // ops and the UI's files
            .get("/healthz", PUBLIC).get("/readyz", PUBLIC).get("/metrics", PUBLIC)
            .add(null, "/assets/*", PUBLIC).add(null, "/*", PUBLIC)
            // sessions
            .post("/api/v1/auth/login", PUBLIC)
            .get("/api/v1/auth/me", VIEWER).post("/api/v1/auth/logout", VIEWER).post("/api/v1/auth/password", VIEWER)
            // reads: REST and SSE
            .get("/api/v1/summary", VIEWER).get("/api/v1/timeseries", VIEWER).get("/api/v1/stream", VIEWER)
            .get("/api/v1/overview", VIEWER).get("/api/v1/agents", VIEWER).get("/api/v1/agents/:id", VIEWER)
            .get("/api/v1/models", VIEWER).get("/api/v1/cost", VIEWER).get("/api/v1/quality", VIEWER).get("/api/v1/errors", VIEWER)
            .get("/api/v1/dimensions", VIEWER).get("/api/v1/dimensions/:name", VIEWER)
            .get("/api/v1/hosts", VIEWER).get("/api/v1/hosts/timeseries", VIEWER)
            .get("/api/v1/graph", VIEWER).get("/api/v1/graph/calls", VIEWER)
            .get("/api/v1/events", VIEWER).get("/api/v1/events/:id", VIEWER)
            .get("/api/v1/layouts/:user", VIEWER).put("/api/v1/layouts/:user", OPERATOR)
            // alerting
            .get("/api/v1/alert-rules", VIEWER).get("/api/v1/alert-rules/:id", VIEWER)
            .post("/api/v1/alert-rules", OPERATOR).put("/api/v1/alert-rules/:id", OPERATOR)
            .delete("/api/v1/alert-rules/:id", OPERATOR)
            .get("/api/v1/alerts", VIEWER).get("/api/v1/alerts/history", VIEWER)
            .post("/api/v1/alerts/:fingerprint/ack", OPERATOR).delete("/api/v1/alerts/:fingerprint/ack", OPERATOR)
            .get("/api/v1/silences", VIEWER).post("/api/v1/silences", OPERATOR).delete("/api/v1/silences/:id", OPERATOR)
            .get("/api/v1/notifications", VIEWER).get("/api/v1/slo", VIEWER)
            // notification channels: secrets are write-only, so reading needs no more than a viewer
            .get("/api/v1/channels", VIEWER).get("/api/v1/channels/:id", VIEWER).get("/api/v1/channels/:id/deliveries", VIEWER)
            .post("/api/v1/channels", ADMIN).put("/api/v1/channels/:id", ADMIN).delete("/api/v1/channels/:id", ADMIN)
            .post("/api/v1/channels/:id/test", OPERATOR)
            // price versions and repricing jobs (issue 13): everyone reads, admins write (audited)
            .get("/api/v1/prices", VIEWER).get("/api/v1/prices/:model", VIEWER).post("/api/v1/prices", ADMIN)
            .get("/api/v1/reprice-jobs", VIEWER).get("/api/v1/reprice-jobs/:id", VIEWER).post("/api/v1/reprice-jobs", ADMIN)
            // administration
            .get("/api/v1/admin/users", ADMIN).post("/api/v1/admin/users", ADMIN)
            .patch("/api/v1/admin/users/:username", ADMIN).delete("/api/v1/admin/users/:username", ADMIN)
            .get("/api/v1/admin/keys", ADMIN).post("/api/v1/admin/keys", ADMIN).delete("/api/v1/admin/keys/:id", ADMIN)
            .get("/api/v1/admin/audit", ADMIN)
            .build();

    private QueryPolicy() {}
}
