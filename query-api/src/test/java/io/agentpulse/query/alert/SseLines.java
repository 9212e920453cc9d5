package io.agentpulse.query.alert;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Reads an SSE stream line by line in the background (java.net.http). */
final class SseLines implements AutoCloseable {
    final List<String> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<?> running;

    SseLines(int port, String query) throws Exception {
        HttpRequest req = io.agentpulse.query.TestHttp.request(port, "/api/v1/stream" + query).GET().build();
        running = HttpClient.newHttpClient().sendAsync(req, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> r.body().forEach(lines::add));
    }

    boolean has(String event, String dataFragment) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).equals("event: " + event) && lines.get(i + 1).contains(dataFragment)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        running.cancel(true);
    }
}
