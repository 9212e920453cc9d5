package io.agentpulse.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.ingest.gateway.GatewayPolicy.Access;
import io.agentpulse.ingest.limits.LimitsConfig;
import io.agentpulse.ingest.publish.InMemoryEventPublisher;
import io.agentpulse.security.keys.InMemoryApiKeyStore;
import io.agentpulse.security.keys.KeyUsage;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The access table against the real router, without a server: both must name the same routes. */
class GatewayPolicyTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private Router router() {
        InMemoryApiKeyStore keys = new InMemoryApiKeyStore(Clock.systemUTC());
        return GatewayServer.router(vertx, GatewayConfig.defaults(), LimitsConfig.defaults(),
                new InMemoryEventPublisher(), keys, new KeyUsage(keys, Clock.systemUTC()),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC());
    }

    /** The policy's own filter and the drain gate are not endpoints; every other route must be declared. */
    private static Set<Route> filter(Router router) {
        return router.getRoutes().stream().filter(r -> r.getName() != null && GatewayServer.NOT_ENDPOINTS.contains(r.getName()))
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void onlyTheIngestRoutesNeedAKeyAndTheRestIsDeclaredAnonymous() {
        assertThat(GatewayPolicy.lookup(HttpMethod.POST, "/v1/events").access()).isEqualTo(Access.INGEST);
        assertThat(GatewayPolicy.lookup(HttpMethod.POST, "/v1/traces").access()).isEqualTo(Access.INGEST);
        assertThat(GatewayPolicy.lookup(HttpMethod.POST, "/v1/events/").access()).isEqualTo(Access.INGEST);
        assertThat(GatewayPolicy.lookup(HttpMethod.GET, "/metrics").access()).isEqualTo(Access.ANONYMOUS);
        assertThat(GatewayPolicy.lookup(HttpMethod.GET, "/healthz").access()).isEqualTo(Access.ANONYMOUS);
        assertThat(GatewayPolicy.lookup(HttpMethod.GET, "/readyz").access()).isEqualTo(Access.ANONYMOUS);
        assertThat(GatewayPolicy.lookup(HttpMethod.DELETE, "/v1/events").access()).as("the 405 answer")
                .isEqualTo(Access.ANONYMOUS);
        assertThat(GatewayPolicy.lookup(HttpMethod.GET, "/v1/traces")).isNull();
        assertThat(GatewayPolicy.lookup(HttpMethod.POST, "/metrics")).isNull();
        assertThat(GatewayPolicy.lookup(HttpMethod.GET, "/V1/EVENTS")).isNull();
        assertThat(GatewayPolicy.lookup(HttpMethod.GET, "/admin")).isNull();
    }

    @Test
    void everyMountedRouteIsDeclaredAndEveryDeclarationIsMounted() {
        Router router = router(); // runs the startup check: it would throw on an undeclared route
        GatewayPolicy.check(router, filter(router));
        for (GatewayPolicy.Rule rule : GatewayPolicy.TABLE) {
            assertThat(router.getRoutes()).as("a route for " + rule)
                    .anyMatch(r -> rule.path().equals(r.getPath()) && (rule.method() == null
                            ? r.methods() == null || r.methods().isEmpty()
                            : r.methods() != null && r.methods().contains(rule.method())));
        }
    }

    @Test
    void aRouteWithoutADeclarationFailsTheStartupCheckInAFullSentence() {
        Router router = router();
        router.get("/debug/vars").handler(ctx -> ctx.end("secrets"));
        assertThatThrownBy(() -> GatewayPolicy.check(router, filter(router)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The gateway mounts GET /debug/vars but GatewayPolicy.TABLE does not say who may call it;"
                        + " add a row (anonymous or ingest) before mounting the route.");
    }

    @Test
    void aCatchAllOrPatternRouteCannotBeDeclared() {
        Router any = router();
        any.route().handler(ctx -> ctx.end());
        assertThatThrownBy(() -> GatewayPolicy.check(any, filter(any))).hasMessageContaining("without a fixed path");
        Router every = router();
        every.route("/v1/traces").handler(ctx -> ctx.end());
        assertThatThrownBy(() -> GatewayPolicy.check(every, filter(every)))
                .hasMessageContaining("every method of /v1/traces").hasMessageEndingWith(".");
    }
}
