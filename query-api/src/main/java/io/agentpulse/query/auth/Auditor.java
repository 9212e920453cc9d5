package io.agentpulse.query.auth;

import io.agentpulse.security.Principal;
import io.agentpulse.security.audit.AuditEntry;
import io.agentpulse.security.audit.AuditStore;
import io.agentpulse.security.http.SecurityHandler;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the audit rows of docs/SECURITY.md: one per action, by the request's principal. A failed write
 * is logged and does not fail the action (it already happened); the log line names the action and target.
 */
public final class Auditor {
    private static final Logger LOG = LoggerFactory.getLogger(Auditor.class);
    private final AuditStore store;
    private final Clock clock;

    public Auditor(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** An action by the authenticated caller of {@code ctx}. */
    public Future<Void> record(RoutingContext ctx, String action, String target, JsonObject detail) {
        Principal p = SecurityHandler.principal(ctx);
        String kind = p == null ? "anonymous" : p.kind() == Principal.Kind.KEY ? "key" : "user";
        return write(p == null ? "anonymous" : p.name(), kind, ctx, action, target, "ok", detail);
    }

    /** An action by someone not (yet) authenticated, e.g. a login attempt for {@code actor}. */
    public Future<Void> anonymous(RoutingContext ctx, String actor, String action, String outcome, JsonObject detail) {
        return write(actor, "anonymous", ctx, action, actor, outcome, detail);
    }

    Future<Void> write(String actor, String kind, RoutingContext ctx, String action, String target, String outcome,
                       JsonObject detail) {
        String ip = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
        AuditEntry e = new AuditEntry(0, clock.instant(), actor, kind, action, target, outcome, ip, detail);
        return store.append(e).<Void>mapEmpty().recover(err -> {
            LOG.error("Could not write the audit row {} on {}: {}", action, target, err.toString());
            return Future.succeededFuture();
        });
    }
}
