package io.agentpulse.allinone;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ITs read the query API as its first admin, logged in the real way: AGENTPULSE_ADMIN_PASSWORD is set
 * to {@link #ADMIN_PASSWORD} in the all-in-one's settings, and {@link #cookie} logs in once per server.
 */
final class QueryLogin {
    static final String ADMIN_PASSWORD = "it-admin-password-1";
    private static final Map<String, String> COOKIES = new ConcurrentHashMap<>();
    private static final Map<String, String> CSRF = new ConcurrentHashMap<>();

    private QueryLogin() {}

    /** The settings entry to add before AllInOne.start. */
    static void configure(Map<String, String> env) {
        env.put("AGENTPULSE_ADMIN_PASSWORD", ADMIN_PASSWORD);
    }

    /** A GET request to the query API carrying the admin's session cookie. */
    static HttpRequest.Builder get(HttpClient http, String queryUrl, String pathAndQuery) throws Exception {
        return HttpRequest.newBuilder(URI.create(queryUrl + pathAndQuery)).header("Cookie", cookie(http, queryUrl));
    }

    /** A write (POST, PUT, DELETE) as the admin: session cookie and CSRF token, a JSON body or none. */
    static HttpResponse<String> write(HttpClient http, String queryUrl, String method, String path, String body) throws Exception {
        String cookie = cookie(http, queryUrl);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(queryUrl + path)).header("Cookie", cookie)
                .header("X-CSRF-Token", CSRF.get(queryUrl)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String cookie(HttpClient http, String queryUrl) throws Exception {
        String c = COOKIES.get(queryUrl);
        if (c == null) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(queryUrl + "/api/v1/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("Logging in to the query API answered " + r.statusCode() + ": " + r.body());
            }
            c = r.headers().allValues("Set-Cookie").stream().filter(v -> v.startsWith("ap_session="))
                    .map(v -> v.substring(0, v.indexOf(';'))).findFirst().orElseThrow();
            CSRF.put(queryUrl, new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("csrf").asText());
            COOKIES.put(queryUrl, c);
        }
        return c;
    }
}
