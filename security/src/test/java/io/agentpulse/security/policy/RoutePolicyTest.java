package io.agentpulse.security.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.security.Principal;
import io.agentpulse.security.Role;
import io.agentpulse.security.Scope;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class RoutePolicyTest {
    static final Vertx VERTX = Vertx.vertx();
    static final RoutePolicy POLICY = RoutePolicy.builder()
            .get("/api/v1/things", Access.VIEWER).get("/api/v1/things/special", Access.ADMIN)
            .get("/api/v1/things/:id", Access.VIEWER).delete("/api/v1/things/:id", Access.OPERATOR)
            .add(null, "/*", Access.PUBLIC).build();

    @AfterAll
    static void close() {
        VERTX.close().await();
    }

    @Test
    void literalBeatsParameterBeatsWildcardAndTheUiCatchAllNeverOpensTheApi() {
        assertThat(POLICY.lookup(HttpMethod.GET, "/api/v1/things/special").access()).isEqualTo(Access.ADMIN);
        assertThat(POLICY.lookup(HttpMethod.GET, "/api/v1/things/7").access()).isEqualTo(Access.VIEWER);
        assertThat(POLICY.lookup(HttpMethod.HEAD, "/api/v1/things/7").access()).isEqualTo(Access.VIEWER);
        assertThat(POLICY.lookup(HttpMethod.DELETE, "/api/v1/things/7").access()).isEqualTo(Access.OPERATOR);
        assertThat(POLICY.lookup(HttpMethod.POST, "/api/v1/things")).isNull();
        assertThat(POLICY.lookup(HttpMethod.GET, "/api/v1/things/")).isNull();
        assertThat(POLICY.lookup(HttpMethod.GET, "/api/v1/other")).isNull();
        assertThat(POLICY.lookup(HttpMethod.GET, "/index.html").access()).isEqualTo(Access.PUBLIC);
    }

    @Test
    void accessLevels() {
        Principal admin = Principal.user("a", Role.ADMIN);
        Principal viewer = Principal.user("v", Role.VIEWER);
        Principal read = Principal.key("k", Set.of(Scope.READ));
        Principal ingest = Principal.key("i", Set.of(Scope.INGEST));
        assertThat(Access.VIEWER.allows(read)).isTrue();
        assertThat(Access.VIEWER.allows(ingest)).isFalse();
        assertThat(Access.VIEWER.allows(null)).isFalse();
        assertThat(Access.OPERATOR.allows(viewer)).isFalse();
        assertThat(Access.OPERATOR.allows(read)).isFalse();
        assertThat(Access.ADMIN.allows(admin)).isTrue();
        assertThat(Access.INGEST.allows(ingest)).isTrue();
        assertThat(Access.INGEST.allows(admin)).isFalse();
        assertThat(Access.PUBLIC.allows(null)).isTrue();
    }

    @Test
    void checkAcceptsADeclaredRouterAndNamesEveryUndeclaredRoute() {
        Router ok = Router.router(VERTX);
        ok.route().setName("sec").handler(ctx -> ctx.next());
        ok.get("/api/v1/things").handler(ctx -> ctx.end());
        ok.get("/api/v1/things/:id").handler(ctx -> ctx.end());
        ok.route("/*").handler(ctx -> ctx.end());
        POLICY.check(ok, Set.of("sec"));

        Router bad = Router.router(VERTX);
        bad.post("/api/v1/things").handler(ctx -> ctx.end());
        bad.route("/api/v1/things*").handler(ctx -> ctx.end());
        bad.route().handler(ctx -> ctx.end());
        assertThatThrownBy(() -> POLICY.check(bad, Set.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("POST /api/v1/things")
                .hasMessageContaining("any method /api/v1/things*")
                .hasMessageContaining("a route without a path")
                .hasMessageEndingWith("policy table.");
    }
}
