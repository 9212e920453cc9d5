package io.agentpulse.processor.notify;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;

/** The contract against java.net.http, posting to a JDK server on loopback (port 0). */
class HttpWebhookSenderTest extends WebhookSenderContract {
    final AtomicReference<String> body = new AtomicReference<>();
    final AtomicInteger calls = new AtomicInteger();
    final HttpServer server;

    HttpWebhookSenderTest() throws Exception {
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
