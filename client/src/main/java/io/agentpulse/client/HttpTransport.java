package io.agentpulse.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Batches as gzip JSON to the gateway's {@code POST /v1/events}; 202 is durable (Kafka acknowledged). 401/403
 * (no, bad or revoked key) are not retried: the batch is dropped and counted, the error names the reason.
 */
final class HttpTransport implements Transport {
    private final URI endpoint;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param gatewayUrl base URL of the gateway, e.g. {@code http://gateway:4318}
     * @param apiKey     an API key with the ingest scope ({@code apk_...}), sent as {@code Authorization: Bearer};
     *                   null sends none (the gateway then answers 401, which is not retried)
     * @param timeout    bound of one request
     */
    HttpTransport(String gatewayUrl, String apiKey, Duration timeout) {
        this.endpoint = URI.create(Urls.checked("gateway", gatewayUrl) + "/v1/events");
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void send(List<PulseEvent> batch) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(EventJsonWriter.array(batch))));
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RetryableException("the gateway is unreachable: " + e, 0);
        }
        int status = r.statusCode();
        if (status == 202) {
            return;
        }
        if (status == 429 || status == 503 || status >= 500) {
            long after = r.headers().firstValue("Retry-After").map(HttpTransport::seconds).orElse(1L);
            throw new RetryableException("the gateway answered " + status + ": " + r.body(), after * 1000);
        }
        throw new IllegalStateException("the gateway refused the batch with " + status + ": " + r.body());
    }

    private static long seconds(String header) {
        try {
            return Math.max(0, Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static byte[] gzip(String json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length() / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(json.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        // java.net.http.HttpClient on Java 17 has no close; its threads are daemons.
    }
}
