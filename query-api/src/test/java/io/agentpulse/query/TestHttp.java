package io.agentpulse.query;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A plain JDK HTTP client for the tests. Requests go as the first admin, logged in the real way
 * (POST /api/v1/auth/login with {@link #ADMIN_PASSWORD}, which {@link #env} configures), once per server port.
 */
public final class TestHttp {
    public static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** The first admin's password of every test server (AGENTPULSE_ADMIN_PASSWORD). */
    public static final String ADMIN_PASSWORD = "test-admin-password-42";
    private static final Map<Integer, Login> LOGINS = new ConcurrentHashMap<>();

    /** A session: the cookie header value and the CSRF token. */
    public record Login(String cookie, String csrf) {}

    private TestHttp() {}

    /** The settings of a test server on 127.0.0.1, any free port, with the known admin password, plus {@code extra}. */
    public static Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("AGENTPULSE_QUERY_HOST", "127.0.0.1", "AGENTPULSE_QUERY_PORT", "0",
                "AGENTPULSE_ADMIN_PASSWORD", ADMIN_PASSWORD));
        env.putAll(extra);
        return env;
    }

    public static HttpResponse<String> get(int port, String pathAndQuery) throws Exception {
        HttpResponse<String> r = CLIENT.send(request(port, pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 401 && LOGINS.remove(port) != null) { // see staleSession
            r = CLIENT.send(request(port, pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
        return r;
    }

    /*
     * staleSession: sessions are cached by port, and a port is reused by the next server of the same JVM once the
     * previous one closed (port 0), so a cached admin session can belong to a server that no longer exists: its
     * 401 means "log in again" (a CI run met it). Deliberate 401s are asked for without the admin's session.
     */

    /** A write as the admin (session cookie and CSRF token). */
    public static HttpResponse<String> send(int port, String method, String pathAndQuery, String body) throws Exception {
        HttpRequest.BodyPublisher p = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        HttpResponse<String> r = CLIENT.send(request(port, pathAndQuery).header("Content-Type", "application/json")
                .method(method, p).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 401 && LOGINS.remove(port) != null) { // see staleSession
            r = CLIENT.send(request(port, pathAndQuery).header("Content-Type", "application/json").method(method, p).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        return r;
    }

    public static JsonObject json(int port, String pathAndQuery) throws Exception {
        return new JsonObject(get(port, pathAndQuery).body());
    }

    /** A request builder carrying the admin's session. */
    public static HttpRequest.Builder request(int port, String pathAndQuery) throws Exception {
        Login l = admin(port);
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).timeout(Duration.ofSeconds(20))
                .header("Cookie", l.cookie()).header("X-CSRF-Token", l.csrf());
    }

    public static Login admin(int port) throws Exception {
        Login l = LOGINS.get(port);
        if (l == null) {
            l = login(port, "admin", ADMIN_PASSWORD);
            LOGINS.put(port, l);
        }
        return l;
    }

    /** Logs in; fails the test when the server refuses. */
    public static Login login(int port, String username, String password) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        new JsonObject().put("username", username).put("password", password).encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("login as " + username + " answered " + r.statusCode() + " " + r.body());
        }
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("ap_session="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        return new Login(cookie, new JsonObject(r.body()).getString("csrf"));
    }
}
