package io.agentpulse.query.sse;

import io.agentpulse.query.TestHttp;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An SSE client over the JDK HTTP client: lines are collected by a reader thread once read() starts. */
final class SseClientStream implements AutoCloseable {
    final HttpResponse<InputStream> response;
    final List<String> lines = new CopyOnWriteArrayList<>();
    private Thread reader;

    SseClientStream(int port, String query, String lastEventId) throws Exception {
        HttpRequest.Builder b = TestHttp.request(port, "/api/v1/stream" + query);
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        response = TestHttp.CLIENT.send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    SseClientStream read() {
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception e) {
                // closed by the test
            }
        }, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    List<Long> ids() {
        List<Long> ids = new ArrayList<>();
        lines.stream().filter(l -> l.startsWith("id: ")).forEach(l -> ids.add(Long.parseLong(l.substring(4))));
        return ids;
    }

    List<String> data() {
        return lines.stream().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
    }

    @Override
    public void close() throws Exception {
        response.body().close();
    }
}
