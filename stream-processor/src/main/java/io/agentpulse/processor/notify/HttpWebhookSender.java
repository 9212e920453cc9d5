package io.agentpulse.processor.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** java.net.http: a POST with a JSON body and a timeout; the status is returned as is. */
public final class HttpWebhookSender implements WebhookSender {
    private final HttpClient client;
    private final Duration timeout;

    public HttpWebhookSender(Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
    }

    @Override
    public int post(URI url, String json) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
                .header("User-Agent", "agentpulse-notifier").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            return client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
