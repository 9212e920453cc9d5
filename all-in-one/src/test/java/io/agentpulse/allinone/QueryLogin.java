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

    private QueryLogin() {}

    /** The settings entry to add before AllInOne.start. */
    static void configure(Map<String, String> env) {
        env.put("AGENTPULSE_ADMIN_PASSWORD", ADMIN_PASSWORD);
    }

    /** A GET request to the query API carrying the admin's session cookie. */
    static HttpRequest.Builder get(HttpClient http, String queryUrl, String pathAndQuery) throws Exception {
        return HttpRequest.newBuilder(URI.create(queryUrl + pathAndQuery)).header("Cookie", cookie(http, queryUrl));
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
            COOKIES.put(queryUrl, c);
        }
        return c;
    }
}
