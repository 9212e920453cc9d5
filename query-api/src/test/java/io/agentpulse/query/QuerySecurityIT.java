package io.agentpulse.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.agentpulse.query.SecuredServer.Answer;
import io.agentpulse.query.SecuredServer.Caller;
import io.agentpulse.query.auth.QueryPolicy;
import io.agentpulse.security.http.SecurityHandler;
import io.agentpulse.security.policy.Access;
import io.agentpulse.security.policy.RoutePolicy;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route the query API mounts (read from its router, so a new route is covered the day it is added),
 * called by admin, operator, viewer, anonymous, an ingest key and a read key: each answer must be what the
 * route's declaration says — allowed (2xx, or a 4xx of the route's own validation), 401 or 403 — exactly.
 */
class QuerySecurityIT {
    static final Set<String> AUTH_401 = Set.of("missing-credentials", "malformed", "unknown-key", "revoked", "expired",
            "session-expired");
    static final Set<String> AUTH_403 = Set.of("forbidden", "csrf", "origin");
    static SecuredServer s;

    @BeforeAll
    static void start() throws Exception {
        s = new SecuredServer("query_security_matrix_it");
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    /** One call to make: a mounted route with its method. */
    record Call(HttpMethod method, String template, Access access) {}

    @Test
    void everyRouteAnswersEveryCallerAsItsDeclarationSays() throws Exception {
        List<Call> calls = calls();
        assertThat(calls).extracting(Call::template).contains("/api/v1/admin/users", "/api/v1/alert-rules/:id",
                "/api/v1/stream", "/api/v1/layouts/:user", "/*");
        Map<Caller, Set<Access>> allowed = Map.of(
                s.admin, Set.of(Access.PUBLIC, Access.VIEWER, Access.OPERATOR, Access.ADMIN),
                s.operator, Set.of(Access.PUBLIC, Access.VIEWER, Access.OPERATOR),
                s.viewer, Set.of(Access.PUBLIC, Access.VIEWER),
                s.read, Set.of(Access.PUBLIC, Access.VIEWER),
                s.ingest, Set.of(Access.PUBLIC),
                s.anonymous, Set.of(Access.PUBLIC));
        List<String> wrong = new ArrayList<>();
        for (Call c : calls) {
            for (Caller who : List.of(s.anonymous, s.ingest, s.read, s.viewer, s.operator, s.admin)) {
                String path = c.template().replace(":user", "me").replaceAll(":[a-z]+", "nope-x").replace("*", "");
                String body = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH).contains(c.method()) ? "{}" : null;
                Answer a = s.call(who, c.method().name(), path, body);
                String got = a.status() == 401 && AUTH_401.contains(a.reason()) ? "401"
                        : a.status() == 403 && AUTH_403.contains(a.reason()) ? "403" : a.status() < 500 ? "allowed" : "error";
                String want = allowed.get(who).contains(c.access()) ? "allowed" : who == s.anonymous ? "401" : "403";
                if (!got.equals(want)) {
                    wrong.add(c.method() + " " + path + " as " + who.name() + ": want " + want + ", got " + a.status() + " " + a.body());
                }
            }
        }
        assertThat(wrong).as("answers that differ from the route policy").isEmpty();
    }

    /** The mounted routes, each with its declaration (a missing one fails the test); logout last, it ends sessions. */
    static List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        for (Route r : s.server.router().getRoutes()) {
            if (SecurityHandler.NAME.equals(r.getName())) {
                continue;
            }
            String template = RoutePolicy.template(r);
            Set<HttpMethod> methods = r.methods() == null || r.methods().isEmpty() ? Set.of(HttpMethod.GET) : r.methods();
            for (HttpMethod m : methods) {
                RoutePolicy.Rule rule = QueryPolicy.POLICY.declared(m, template);
                rule = rule != null ? rule : QueryPolicy.POLICY.declared(null, template);
                if (rule == null) {
                    fail("The route " + m + " " + template + " is mounted but has no line in QueryPolicy.");
                }
                calls.add(new Call(m, template, rule.access()));
            }
        }
        calls.sort(Comparator.comparing((Call c) -> c.template().endsWith("/logout")));
        return calls;
    }
}
