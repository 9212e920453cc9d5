package io.agentpulse.query;

import io.agentpulse.embedded.EmbeddedInfra;
import io.agentpulse.embedded.PgDatabase;
import io.agentpulse.query.sse.InMemoryRollupFeed;
import io.agentpulse.query.store.PgFixture;
import io.agentpulse.query.store.PgRollupReader;
import io.agentpulse.contract.Topics;
import io.agentpulse.security.stores.SecurityStores;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The whole query API (alerts included) on the real embedded PostgreSQL and Kafka, with callers of every kind:
 * admin, operator and viewer users logged in the real way, a read key and an ingest key made through the admin API.
 */
final class SecuredServer implements AutoCloseable {
    static final String USER_PASSWORD = "user-password-for-tests";

    /** How a caller proves who it is: a session (cookie + CSRF token), a bearer token, or nothing. */
    record Caller(String name, String cookie, String csrf, String bearer) {
        HttpRequest.Builder sign(HttpRequest.Builder b) {
            if (cookie != null) {
                b.header("Cookie", cookie).header("X-CSRF-Token", csrf);
            }
            if (bearer != null) {
                b.header("Authorization", "Bearer " + bearer);
            }
            return b;
        }
    }

    /** An answer: status, the JSON reason when there is one, and the body (at most 64 KiB, streams not read). */
    record Answer(int status, String reason, String body, HttpResponse<?> raw) {}

    final PgDatabase db;
    final Vertx vertx = Vertx.vertx();
    final QueryApiServer server;
    final int port;
    Caller admin;
    Caller operator;
    Caller viewer;
    Caller read;
    Caller ingest;
    final Caller anonymous = new Caller("anonymous", null, null, null);

    SecuredServer(String dbName) throws Exception {
        EmbeddedInfra infra = EmbeddedInfra.shared();
        infra.createTopics(Topics.ALERT_RULES, Topics.ALERTS);
        db = PgFixture.database(dbName);
        QueryConfig cfg = QueryConfig.fromEnv(TestHttp.env(Map.of("AGENTPULSE_DB_URL", db.jdbcUrl(),
                "AGENTPULSE_DB_USER", db.user(), "AGENTPULSE_DB_PASSWORD", db.password(),
                "AGENTPULSE_KAFKA_BOOTSTRAP", infra.bootstrapServers(), "AGENTPULSE_REGISTRY_URL", "http://127.0.0.1:9",
                "AGENTPULSE_KEY_CACHE_SECONDS", "0")));
        Pool pool = QueryApiServer.pool(vertx, cfg);
        server = QueryApiServer.start(vertx, cfg, new PgRollupReader(pool), QueryApiServer.pgStores(pool),
                SecurityStores.pg(pool, Clock.systemUTC()), new InMemoryRollupFeed(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC(), QueryApiServer.Alerts.KAFKA).await();
        port = server.port();
        admin = login("admin", TestHttp.ADMIN_PASSWORD);
        operator = user("op1", "operator");
        viewer = user("view1", "viewer");
        read = key("reader", "read");
        ingest = key("shipper", "ingest");
    }

    Caller login(String username, String password) throws Exception {
        TestHttp.Login l = TestHttp.login(port, username, password);
        return new Caller(username, l.cookie(), l.csrf(), null);
    }

    Caller user(String username, String role) throws Exception {
        Answer a = call(admin, "POST", "/api/v1/admin/users", new JsonObject().put("username", username).put("role", role)
                .put("password", USER_PASSWORD).encode());
        if (a.status() != 201) {
            throw new AssertionError("creating " + username + ": " + a);
        }
        return login(username, USER_PASSWORD);
    }

    Caller key(String name, String scope) throws Exception {
        return new Caller(name, null, null, newKey(name, scope, null).getString("token"));
    }

    JsonObject newKey(String name, String scope, String expiresAt) throws Exception {
        JsonObject body = new JsonObject().put("name", name).put("scopes", new JsonArray().add(scope));
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt);
        }
        Answer a = call(admin, "POST", "/api/v1/admin/keys", body.encode());
        if (a.status() != 201) {
            throw new AssertionError("creating key " + name + ": " + a);
        }
        return new JsonObject(a.body());
    }

    Answer call(Caller who, String method, String path, String body) throws Exception {
        return call(who, method, path, body, Map.of());
    }

    Answer call(Caller who, String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        HttpResponse<InputStream> r = TestHttp.CLIENT.send(who.sign(b).build(), HttpResponse.BodyHandlers.ofInputStream());
        String text;
        try (InputStream in = r.body()) {
            boolean stream = r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
            text = stream ? "" : new String(in.readNBytes(65_536), StandardCharsets.UTF_8);
        }
        String reason = null;
        if (text.startsWith("{")) {
            try {
                reason = new JsonObject(text).getString("reason");
            } catch (RuntimeException e) {
                // not JSON after all
            }
        }
        return new Answer(r.statusCode(), reason, text, r);
    }

    @Override
    public void close() {
        server.close().await();
        vertx.close().await();
    }
}
