package io.agentpulse.processor.notify;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Records every post; answers with scripted statuses first (a negative status = no answer, an
 * IOException), then 200. Thread-safe.
 */
public final class InMemoryWebhookSender implements WebhookSender {
    public record Post(URI url, String json) {}

    private final List<Post> posts = new ArrayList<>();
    private final Deque<Integer> script = new ArrayDeque<>();

    public synchronized InMemoryWebhookSender thenAnswer(int... statuses) {
        for (int s : statuses) {
            script.add(s);
        }
        return this;
    }

    @Override
    public synchronized int post(URI url, String json) throws IOException {
        posts.add(new Post(url, json));
        int status = script.isEmpty() ? 200 : script.poll();
        if (status < 0) {
            throw new IOException("Connection refused (scripted)");
        }
        return status;
    }

    public synchronized List<Post> posts() {
        return List.copyOf(posts);
    }
}
