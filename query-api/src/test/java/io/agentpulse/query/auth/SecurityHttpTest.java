package io.agentpulse.query.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.query.QueryApiServer;
import io.agentpulse.query.QueryConfig;
import io.agentpulse.query.TestHttp;
import io.agentpulse.query.sse.InMemoryRollupFeed;
import io.agentpulse.query.store.DashboardStores;
import io.agentpulse.query.store.InMemoryRollupReader;
import io.agentpulse.security.Scope;
import io.agentpulse.security.stores.SecurityStores;
import io.agentpulse.security.keys.NewKey;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The security handler's answers over HTTP: headers, CSRF, Origin, throttling, keys, SSE, CSV. In memory. */
class SecurityHttpTest {
    static Vertx vertx;
    static QueryApiServer server;
    static SecurityStores stores;
    static int port;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        stores = SecurityStores.inMemory(Clock.systemUTC());
        // no key cache: a revocation shows on the next request (the cache itself is tested with a clock)
        QueryConfig cfg = QueryConfig.fromEnv(TestHttp.env(Map.of("AGENTPULSE_KEY_CACHE_SECONDS", "0",
                "AGENTPULSE_ALLOWED_ORIGINS", "https://dash.example.com")));
        server = QueryApiServer.start(vertx, cfg, new InMemoryRollupReader(), DashboardStores.inMemory(), stores,
                new InMemoryRollupFeed(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC()).await();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.close().await();
        vertx.close().await();
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return TestHttp.CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder anon(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    static String reason(HttpResponse<String> r) {
        return new JsonObject(r.body()).getString("reason");
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndApiAnswersAreNotCached() throws Exception {
        for (HttpResponse<String> r : new HttpResponse[] {send(anon("/")), send(anon("/api/v1/summary")),
                send(anon("/api/v1/nothing-here")), TestHttp.get(port, "/api/v1/summary")}) {
            assertThat(r.headers().firstValue("Content-Security-Policy")).get().asString().contains("default-src 'self'")
                    .contains("frame-ancestors 'none'");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(r.headers().firstValue("Cross-Origin-Opener-Policy")).contains("same-origin");
            assertThat(r.headers().firstValue("Strict-Transport-Security")).as("plain HTTP").isEmpty();
        }
        HttpResponse<String> api = TestHttp.get(port, "/api/v1/summary");
        assertThat(api.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(api.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        HttpResponse<String> undeclared = send(anon("/api/v1/nothing-here"));
        assertThat(undeclared.statusCode()).isEqualTo(404);
        assertThat(undeclared.headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void anonymousCallersGet401WithAReasonAndAChallenge() throws Exception {
        HttpResponse<String> r = send(anon("/api/v1/summary"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(reason(r)).isEqualTo("missing-credentials");
        assertThat(r.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
        assertThat(reason(send(anon("/api/v1/summary").header("Authorization", "Basic eDp5")))).isEqualTo("malformed");
        assertThat(reason(send(anon("/api/v1/summary").header("Cookie", "ap_session=stale")))).isEqualTo("session-expired");
    }

    @Test
    void cookieWritesNeedTheCsrfTokenAndBearerWritesDoNot() throws Exception {
        TestHttp.Login admin = TestHttp.admin(port);
        HttpRequest.Builder noToken = anon("/api/v1/layouts/me").header("Cookie", admin.cookie())
                .PUT(HttpRequest.BodyPublishers.ofString("{}"));
        HttpResponse<String> r = send(noToken);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(reason(r)).isEqualTo("csrf");
        assertThat(reason(send(anon("/api/v1/layouts/me").header("Cookie", admin.cookie()).header("X-CSRF-Token", "guess")
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))))).isEqualTo("csrf");
        assertThat(TestHttp.send(port, "PUT", "/api/v1/layouts/me", "{}").statusCode()).isEqualTo(200);
        String read = stores.keys().create(new NewKey("r", Set.of(Scope.READ), null, "t", null)).await().token();
        // a read key's write is refused by its scope, not by a missing CSRF token
        assertThat(reason(send(anon("/api/v1/layouts/me").header("Authorization", "Bearer " + read)
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))))).isEqualTo("forbidden");
    }

    @Test
    void foreignOriginsAreRefusedAndSseChecksThemToo() throws Exception {
        TestHttp.Login admin = TestHttp.admin(port);
        HttpResponse<String> evil = send(TestHttp.request(port, "/api/v1/summary").header("Origin", "https://evil.example"));
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(reason(evil)).isEqualTo("origin");
        assertThat(send(TestHttp.request(port, "/api/v1/summary").header("Origin", "http://127.0.0.1:" + port)).statusCode()).isEqualTo(200);
        assertThat(send(TestHttp.request(port, "/api/v1/summary").header("Origin", "https://dash.example.com")).statusCode()).isEqualTo(200);
        assertThat(send(anon("/api/v1/stream").header("Cookie", admin.cookie()).header("Origin", "https://evil.example")).statusCode())
                .isEqualTo(403);
        HttpResponse<InputStream> sse = TestHttp.CLIENT.send(anon("/api/v1/stream").header("Cookie", admin.cookie())
                .header("Origin", "http://127.0.0.1:" + port).build(), HttpResponse.BodyHandlers.ofInputStream());
        sse.body().close();
        assertThat(sse.statusCode()).isEqualTo(200);
        assertThat(send(anon("/api/v1/stream")).statusCode()).isEqualTo(401);
    }

    @Test
    void fiveFailuresLockTheUsernameWithRetryAfterAndUnknownUsersLookTheSame() throws Exception {
        stores.users().create(new io.agentpulse.security.users.User("locky", io.agentpulse.security.Role.VIEWER,
                io.agentpulse.security.users.Passwords.hash("the-right-password"), false, Instant.now(), null)).await();
        HttpResponse<String> unknown = login("nobody-at-all", "whatever-password");
        HttpResponse<String> wrong = login("locky", "wrong-password-1");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
        for (int i = 0; i < 4; i++) {
            assertThat(login("locky", "wrong-password-1").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = login("locky", "the-right-password");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(reason(locked)).isEqualTo("throttled");
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 300L);
        assertThat(login("nobody-at-all", "x").statusCode()).as("other names are not locked").isEqualTo(401);
    }

    @Test
    void revokedAndExpiredKeysAreRefusedWithTheirReason() throws Exception {
        var live = stores.keys().create(new NewKey("live", Set.of(Scope.READ), null, "t", null)).await();
        var old = stores.keys().create(new NewKey("old", Set.of(Scope.READ), Instant.now().minusSeconds(1), "t", null)).await();
        assertThat(send(anon("/api/v1/summary").header("Authorization", "Bearer " + live.token())).statusCode()).isEqualTo(200);
        assertThat(reason(send(anon("/api/v1/summary").header("Authorization", "Bearer " + old.token())))).isEqualTo("expired");
        assertThat(TestHttp.send(port, "DELETE", "/api/v1/admin/keys/" + live.record().id(), null).statusCode()).isEqualTo(204);
        assertThat(reason(send(anon("/api/v1/summary").header("Authorization", "Bearer " + live.token())))).isEqualTo("revoked");
        JsonObject listed = new io.vertx.core.json.JsonArray(TestHttp.get(port, "/api/v1/admin/keys").body()).getJsonObject(0);
        assertThat(listed.encode()).doesNotContain(live.token().substring(17)).doesNotContain(live.record().secretHash());
    }

    @Test
    void theLastAdminCannotBeDemotedDisabledOrDeleted() throws Exception {
        assertThat(TestHttp.send(port, "PATCH", "/api/v1/admin/users/admin", "{\"role\":\"viewer\"}").statusCode()).isEqualTo(409);
        assertThat(TestHttp.send(port, "PATCH", "/api/v1/admin/users/admin", "{\"disabled\":true}").statusCode()).isEqualTo(409);
        assertThat(TestHttp.send(port, "DELETE", "/api/v1/admin/users/admin", null).statusCode()).isEqualTo(409);
        JsonObject me = TestHttp.json(port, "/api/v1/auth/me");
        assertThat(me.getString("username")).isEqualTo("admin");
        assertThat(me.getString("role")).isEqualTo("admin");
        assertThat(me.getString("csrf")).isEqualTo(TestHttp.admin(port).csrf());
    }

    static HttpResponse<String> login(String user, String password) throws Exception {
        return send(anon("/api/v1/auth/login").POST(HttpRequest.BodyPublishers.ofString(
                new JsonObject().put("username", user).put("password", password).encode())));
    }
}
