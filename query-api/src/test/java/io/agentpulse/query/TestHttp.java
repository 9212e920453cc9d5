package io.agentpulse.query;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain JDK HTTP client for the tests. */
public final class TestHttp {
    public static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestHttp() {}

    public static HttpResponse<String> get(int port, String pathAndQuery) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(20)).GET().build();
        return CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
    }

    public static JsonObject json(int port, String pathAndQuery) throws Exception {
        return new JsonObject(get(port, pathAndQuery).body());
    }
}
