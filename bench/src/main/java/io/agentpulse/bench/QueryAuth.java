package io.agentpulse.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the bench drivers read the query API: as its first admin, logged in the real way. Drivers that start
 * the services set AGENTPULSE_ADMIN_PASSWORD ({@link #configure}; a value already in the environment wins);
 * the session cookie is fetched once per base URL and reused (sessions live in PostgreSQL, so one cookie
 * works on every query API instance of a cluster).
 */
public final class QueryAuth {
    /** Used when the environment does not set AGENTPULSE_ADMIN_PASSWORD (bench databases are throwaway). */
    static final String DEFAULT_PASSWORD = "bench-admin-password";
    private static final Map<String, String> COOKIES = new ConcurrentHashMap<>();

    private QueryAuth() {}

    public static String password() {
        String p = System.getenv("AGENTPULSE_ADMIN_PASSWORD");
        return p == null || p.isEmpty() ? DEFAULT_PASSWORD : p;
    }

    /** Puts the admin password into a service environment (unless one is there). */
    public static void configure(Map<String, String> env) {
        env.putIfAbsent("AGENTPULSE_ADMIN_PASSWORD", password());
    }

    /** A request to {@code base + pathAndQuery} carrying the admin's session cookie. */
    public static HttpRequest.Builder request(HttpClient http, String base, String pathAndQuery) throws IOException,
            InterruptedException {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).header("Cookie", cookie(http, base));
    }

    /** A logged-in session: the cookie ("ap_session=...") and the CSRF token writes must carry. */
    public record Session(String cookie, String csrf) {
        /** Signs a request: the cookie, and the CSRF token (needed on POST/PUT/PATCH/DELETE). */
        public HttpRequest.Builder sign(HttpRequest.Builder b) {
            return b.header("Cookie", cookie).header("X-CSRF-Token", csrf);
        }
    }

    /** The session cookie, logged in once per base URL; an IOException while the API is not up yet (callers retry). */
    // synchronized: 200 watchers starting at once sign in once, not 200 times (Argon2id costs ~50 ms of a core each)
    public static synchronized String cookie(HttpClient http, String base) throws IOException, InterruptedException {
        String c = COOKIES.get(base);
        if (c == null) {
            c = login(http, base).cookie();
            COOKIES.put(base, c);
        }
        return c;
    }

    public static Session login(HttpClient http, String base) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + password() + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("Logging in to the query API at " + base + " answered " + r.statusCode()
                    + " (is AGENTPULSE_ADMIN_PASSWORD the first admin's password?)");
        }
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(v -> v.startsWith("ap_session="))
                .map(v -> v.substring(0, v.indexOf(';'))).findFirst()
                .orElseThrow(() -> new IOException("The login answer of " + base + " set no ap_session cookie."));
        String csrf = r.body().replaceAll("(?s).*\"csrf\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        return new Session(cookie, csrf);
    }
}
