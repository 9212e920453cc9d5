package io.agentpulse.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The real senders: HTTP POSTs (java.net.http) for webhook, Slack and PagerDuty; SMTP (Jakarta Mail,
 * Eclipse Angus) for e-mail. Every error text is redacted of the channel's secrets.
 */
public final class Senders implements Sender {
    /** HMAC-SHA256 of the body with the webhook's secret, hex: "sha256=...". */
    public static final String SIGNATURE_HEADER = "X-AgentPulse-Signature";
    private final HttpClient client;
    private final Duration timeout;

    public Senders(Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
    }

    @Override
    public Delivery send(Channel c, Notice n) {
        try {
            return switch (c.type()) {
                case WEBHOOK -> webhook(c, n);
                case SLACK -> post(c.secrets().get("url"), Bodies.slack(n), null);
                case PAGERDUTY -> post(c.setting("url", ChannelCheck.PAGERDUTY_URL),
                        Bodies.pagerduty(n, c.secrets().get("routing_key")), null);
                case EMAIL -> email(c, n);
            };
        } catch (SendFailedException e) {
            return Delivery.failed(false, c.redact(e.toString()));
        } catch (MessagingException | IOException e) {
            return Delivery.failed(true, c.redact(e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Delivery.failed(true, "interrupted");
        } catch (RuntimeException e) { // a setting the checks let through but the client refuses: final
            return Delivery.failed(false, c.redact(e.toString()));
        }
    }

    private Delivery webhook(Channel c, Notice n) throws IOException, InterruptedException {
        String body = Bodies.webhook(n);
        String secret = c.secrets().get("secret");
        return post(c.settings().get("url"), body, secret == null || secret.isEmpty() ? null : "sha256=" + hmac(secret, body));
    }

    private Delivery post(String url, String json, String signature) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Content-Type", "application/json")
                .header("User-Agent", "agentpulse-notifier").POST(HttpRequest.BodyPublishers.ofString(json));
        if (signature != null) {
            req.header(SIGNATURE_HEADER, signature);
        }
        return Delivery.http(client.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private Delivery email(Channel c, Notice n) throws MessagingException {
        Properties p = new Properties();
        String user = c.setting("user", null);
        boolean tls = Boolean.parseBoolean(c.setting("starttls", "true"));
        p.put("mail.smtp.host", c.settings().get("host"));
        p.put("mail.smtp.port", c.setting("port", "587"));
        p.put("mail.smtp.auth", String.valueOf(user != null));
        p.put("mail.smtp.starttls.enable", String.valueOf(tls));
        p.put("mail.smtp.starttls.required", String.valueOf(tls)); // never fall back to plain text silently
        p.put("mail.smtp.ssl.checkserveridentity", "true"); // the certificate must name the host
        p.put("mail.smtp.connectiontimeout", String.valueOf(timeout.toMillis()));
        p.put("mail.smtp.timeout", String.valueOf(timeout.toMillis()));
        p.put("mail.smtp.writetimeout", String.valueOf(timeout.toMillis()));
        MimeMessage m = new MimeMessage(Session.getInstance(p));
        m.setFrom(new InternetAddress(c.settings().get("from")));
        for (String to : ChannelCheck.recipients(c)) {
            m.addRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(to));
        }
        m.setSubject(Bodies.title(n), "UTF-8");
        m.setText(Bodies.emailText(n), "UTF-8");
        Transport.send(m, user, c.secrets().get("password"));
        return new Delivery(true, false, null, null);
    }
}
