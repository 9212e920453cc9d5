package io.agentpulse.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.ingest.limits.LimitsConfig;
import io.agentpulse.ingest.publish.InMemoryEventPublisher;
import io.agentpulse.security.Scope;
import io.agentpulse.security.keys.KeyUsage;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's half of the access matrix (the query API's is QuerySecurityIT): every route the gateway
 * mounts, read from its router so a new route is covered the day it is added, called by anonymous, an
 * ingest key, a read key and a signed-in user's session cookie (admin, operator or viewer: the gateway takes
 * no sessions, so a cookie is no credential here). Each answer must be what GatewayPolicy.TABLE declares:
 * allowed (any answer but 401/403), 401 or 403.
 */
class GatewayMatrixTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final TestKeys keys = new TestKeys(clock);
    final Vertx vertx = Vertx.vertx();
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void everyRouteAnswersEveryCallerAsTheAccessTableSays() throws Exception {
        GatewayConfig config = GatewayConfig.fromEnv(Map.of("AGENTPULSE_GATEWAY_HOST", "127.0.0.1", "AGENTPULSE_GATEWAY_PORT", "0"));
        GatewayServer server = GatewayServer.start(vertx, config, LimitsConfig.defaults(), new InMemoryEventPublisher(),
                keys.store, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), clock)
                .toCompletionStage().toCompletableFuture().join();
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("anonymous", null);
        callers.put("user session (admin, operator or viewer)", "Cookie: ap_session=" + "s".repeat(43));
        callers.put("ingest key", "Authorization: Bearer " + keys.ingest());
        callers.put("read key", "Authorization: Bearer " + keys.create(null, Scope.READ));
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Route r : mounted()) {
            Set<HttpMethod> methods = r.methods() == null || r.methods().isEmpty() ? Set.of(HttpMethod.GET) : r.methods();
            for (HttpMethod m : methods) {
                GatewayPolicy.Rule rule = GatewayPolicy.lookup(m, r.getPath());
                assertThat(rule).as("a declaration for " + m + " " + r.getPath()).isNotNull();
                for (var who : callers.entrySet()) {
                    int status = call(server.port(), m, r.getPath(), who.getValue());
                    String got = status == 401 ? "401" : status == 403 ? "403" : "allowed";
                    String want = rule.access() == GatewayPolicy.Access.ANONYMOUS || who.getKey().equals("ingest key") ? "allowed"
                            : who.getKey().equals("read key") ? "403" : "401";
                    calls++;
                    if (!got.equals(want)) {
                        wrong.add(m + " " + r.getPath() + " as " + who.getKey() + ": want " + want + ", got " + status);
                    }
                }
            }
        }
        assertThat(calls).as("routes x callers").isGreaterThanOrEqualTo(6 * callers.size());
        assertThat(wrong).as("answers that differ from GatewayPolicy.TABLE").isEmpty();
    }

    /** The endpoints of a router built as the server builds its own (not the policy filter or the drain gate). */
    private List<Route> mounted() {
        var router = GatewayServer.router(vertx, GatewayConfig.defaults(), LimitsConfig.defaults(), new InMemoryEventPublisher(),
                keys.store, new KeyUsage(keys.store, clock), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), clock);
        return router.getRoutes().stream().filter(r -> !GatewayServer.NOT_ENDPOINTS.contains(String.valueOf(r.getName()))).toList();
    }

    private int call(int port, HttpMethod method, String path, String header) throws Exception {
        boolean body = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method.name(), body ? HttpRequest.BodyPublishers.ofString("[]") : HttpRequest.BodyPublishers.noBody());
        if (body) {
            b.header("Content-Type", "application/json");
        }
        if (header != null) {
            int colon = header.indexOf(':');
            b.header(header.substring(0, colon), header.substring(colon + 2));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
