package io.agentpulse.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each channel type against a real receiver on loopback: a JDK HTTP server and a GreenMail SMTP server. */
class SendersTest {
    record Request(String path, String body, String signature) {}

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Notice FIRING = new Notice("fp1", "p95", "p95 latency", "FIRING", "CRITICAL", "p95 of a1 is 4000 ms", T0, null,
            Map.of("agent", "a1"), 4000.0, 3000.0);
    static final Notice RESOLVED = new Notice("fp1", "p95", "p95 latency", "RESOLVED", "CRITICAL", "back to normal", T0,
            T0.plusSeconds(60), Map.of("agent", "a1"), 10.0, 3000.0);

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger status = new AtomicInteger(200);
    final HttpServer http;
    final Senders senders = new Senders(Duration.ofSeconds(3));
    GreenMail smtp;

    SendersTest() throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            requests.add(new Request(ex.getRequestURI().getPath(), new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    ex.getRequestHeaders().getFirst(Senders.SIGNATURE_HEADER)));
            ex.sendResponseHeaders(status.get(), -1);
            ex.close();
        });
        http.start();
    }

    @AfterEach
    void stop() {
        http.stop(0);
        if (smtp != null) {
            smtp.stop();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    @Test
    void aWebhookGetsTheAlertJsonSignedWithItsSecret() throws Exception {
        Channel c = new Channel("hook", "Hook", Channel.Type.WEBHOOK, Map.of("url", url("/hook")), Map.of("secret", "s3cret"));
        assertThat(senders.send(c, FIRING)).isEqualTo(new Delivery(true, false, 200, null));
        Request r = requests.get(0);
        JsonNode body = Bodies.JSON.readTree(r.body());
        assertThat(body.get("state").asText()).isEqualTo("FIRING");
        assertThat(body.get("labels").get("agent").asText()).isEqualTo("a1");
        assertThat(r.signature()).isEqualTo("sha256=" + Senders.hmac("s3cret", r.body()));
    }

    @Test
    void slackGetsATextBodyAndA5xxIsRetryable() throws Exception {
        Channel c = new Channel("s", "Slack", Channel.Type.SLACK, Map.of(), Map.of("url", url("/services/T/B/X")));
        status.set(503);
        Delivery d = senders.send(c, FIRING);
        assertThat(d.ok()).isFalse();
        assertThat(d.retryable()).isTrue();
        assertThat(d.status()).isEqualTo(503);
        assertThat(Bodies.JSON.readTree(requests.get(0).body()).get("text").asText()).contains("[FIRING:CRITICAL] p95 latency");
        assertThat(requests.get(0).path()).isEqualTo("/services/T/B/X");
    }

    @Test
    void pagerDutyTriggersThenResolvesWithOneDedupKey() throws Exception {
        Channel c = new Channel("pd", "PD", Channel.Type.PAGERDUTY, Map.of("url", url("/v2/enqueue")), Map.of("routing_key", "R0UT1NG"));
        status.set(202);
        assertThat(senders.send(c, FIRING).ok()).isTrue();
        assertThat(senders.send(c, RESOLVED).ok()).isTrue();
        JsonNode trigger = Bodies.JSON.readTree(requests.get(0).body());
        JsonNode resolve = Bodies.JSON.readTree(requests.get(1).body());
        assertThat(trigger.get("routing_key").asText()).isEqualTo("R0UT1NG");
        assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.get("payload").get("severity").asText()).isEqualTo("critical");
        assertThat(trigger.get("payload").get("source").asText()).isEqualTo("agentpulse");
        assertThat(trigger.get("payload").get("summary").asText()).startsWith("[FIRING:CRITICAL] p95 latency");
        assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.get("dedup_key").asText()).isEqualTo(trigger.get("dedup_key").asText());
        assertThat(resolve.has("payload")).isFalse();
    }

    @Test
    void anEmailReachesEveryRecipientThroughAuthenticatedSmtp() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        smtp.setUser("pulse@example.org", "pulse", "mailpw");
        Channel c = email(smtp.getSmtp().getPort(), "mailpw");
        assertThat(senders.send(c, FIRING).ok()).isTrue();
        MimeMessage[] got = smtp.getReceivedMessages();
        assertThat(got).hasSize(2); // one copy per recipient
        assertThat(got[0].getSubject()).isEqualTo("[FIRING:CRITICAL] p95 latency");
        assertThat(got[0].getContent().toString()).contains("p95 of a1 is 4000 ms").contains("agent: a1");
    }

    @Test
    void aWrongPasswordAndAClosedPortFailWithoutShowingTheSecret() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        smtp.setUser("pulse@example.org", "pulse", "mailpw");
        Delivery wrong = senders.send(email(smtp.getSmtp().getPort(), "not-the-password"), FIRING);
        assertThat(wrong.ok()).isFalse();
        assertThat(wrong.error()).doesNotContain("not-the-password");
        http.stop(0);
        Channel slack = new Channel("s", "Slack", Channel.Type.SLACK, Map.of(), Map.of("url", url("/services/SECRETPATH")));
        Delivery refused = senders.send(slack, FIRING);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.retryable()).isTrue();
        assertThat(refused.error()).doesNotContain("SECRETPATH");
    }

    static Channel email(int port, String password) {
        return new Channel("mail", "Mail", Channel.Type.EMAIL, Map.of("host", "127.0.0.1", "port", String.valueOf(port),
                "starttls", "false", "user", "pulse", "from", "pulse@example.org", "to", "oncall@example.org, lead@example.org"),
                Map.of("password", password));
    }
}
