package io.agentpulse.processor.notify;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** The contract against both senders; the HTTP one posts to a JDK server on loopback (port 0). */
class WebhookSenderTest {
    @Nested
    class InMemory extends WebhookSenderContract {
        final InMemoryWebhookSender sender = new InMemoryWebhookSender().thenAnswer(200, 503);

        @Override
        WebhookSender sender() {
            return sender;
        }

        @Override
        URI target() {
            return URI.create("http://in-memory/hook");
        }

        @Override
        String lastBody() {
            return sender.posts().get(sender.posts().size() - 1).json();
        }

        @Override
        WebhookSender unreachable() {
            return new InMemoryWebhookSender().thenAnswer(-1);
        }
    }

    @Nested
    class Http extends WebhookSenderContract {
        final AtomicReference<String> body = new AtomicReference<>();
        final AtomicInteger calls = new AtomicInteger();
        final HttpServer server;

        Http() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", ex -> {
                body.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                ex.sendResponseHeaders(calls.incrementAndGet() == 2 ? 503 : 200, -1);
                ex.close();
            });
            server.start();
        }

        @AfterEach
        void stop() {
            server.stop(0);
        }

        @Override
        WebhookSender sender() {
            return new HttpWebhookSender(Duration.ofSeconds(2));
        }

        @Override
        URI target() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        }

        @Override
        String lastBody() {
            return body.get();
        }

        @Override
        WebhookSender unreachable() {
            return new HttpWebhookSender(Duration.ofSeconds(2));
        }
    }
}
