package io.agentpulse.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.agentpulse.processor.alert.notify.JdbcNotifyRepo;
import io.agentpulse.processor.alert.notify.NotifyRepo;
import io.agentpulse.query.SecuredServer.Answer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /api/v1/channels on the real query API and PostgreSQL: CRUD by an admin, secrets never answered nor audited,
 * test-sends to a JDK HTTP server and a GreenMail SMTP server started here, the deliveries of a channel.
 */
class ITChannels {
    static final String SECRET = "hmac-secret-never-shown";
    static final String MAIL_PASSWORD = "smtp-password-never-shown";
    static SecuredServer s;
    static HttpServer http;
    static GreenMail smtp;
    static final List<String> signatures = new CopyOnWriteArrayList<>();
    static final AtomicInteger status = new AtomicInteger(200);

    @BeforeAll
    static void start() throws Exception {
        s = new SecuredServer("query_channels_it");
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            signatures.add(String.valueOf(ex.getRequestHeaders().getFirst("X-AgentPulse-Signature")));
            ex.sendResponseHeaders(status.get(), -1);
            ex.close();
        });
        http.start();
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        smtp.setUser("pulse@example.org", "pulse", MAIL_PASSWORD);
    }

    @AfterAll
    static void stop() {
        http.stop(0);
        smtp.stop();
        s.close();
    }

    static String hook() {
        return new JsonObject().put("id", "ops-hook").put("name", "Ops <b>hook</b>").put("type", "webhook")
                .put("settings", new JsonObject().put("url", "http://127.0.0.1:" + http.getAddress().getPort() + "/hook"))
                .put("secrets", new JsonObject().put("secret", SECRET)).encode();
    }

    @Test
    void anAdminManagesAChannelWhoseSecretIsNeverAnsweredNorAudited() throws Exception {
        assertThat(s.call(s.operator, "POST", "/api/v1/channels", hook()).status()).isEqualTo(403);
        Answer created = QueryAuditIT.expect(201, s.call(s.admin, "POST", "/api/v1/channels", hook()));
        assertThat(new JsonObject(created.body()).getJsonObject("secrets").getJsonObject("secret").getBoolean("set")).isTrue();
        assertThat(QueryAuditIT.expect(409, s.call(s.admin, "POST", "/api/v1/channels", hook())).reason()).isEqualTo("conflict");
        Answer list = QueryAuditIT.expect(200, s.call(s.viewer, "GET", "/api/v1/channels", null));
        Answer one = QueryAuditIT.expect(200, s.call(s.viewer, "GET", "/api/v1/channels/ops-hook", null));
        // an edit without the secret keeps it: the receiver still gets a signature made with it
        JsonObject edit = new JsonObject(hook()).put("name", "Ops hook").put("secrets", new JsonObject());
        QueryAuditIT.expect(200, s.call(s.admin, "PUT", "/api/v1/channels/ops-hook", edit.encode()));
        JsonObject test = new JsonObject(QueryAuditIT.expect(200, s.call(s.operator, "POST", "/api/v1/channels/ops-hook/test", null)).body());
        assertThat(test.getString("outcome")).isEqualTo("delivered");
        assertThat(signatures).last().asString().startsWith("sha256=").hasSize(71);
        status.set(500);
        test = new JsonObject(s.call(s.operator, "POST", "/api/v1/channels/ops-hook/test", null).body());
        assertThat(test.getString("outcome")).isEqualTo("failed");
        assertThat(test.getInteger("status")).isEqualTo(500);
        JsonArray deliveries = new JsonObject(QueryAuditIT.expect(200, s.call(s.viewer, "GET",
                "/api/v1/channels/ops-hook/deliveries", null)).body()).getJsonArray("deliveries");
        assertThat(deliveries.stream().map(d -> ((JsonObject) d).getString("outcome")).toList()).containsExactly("failed", "delivered");
        QueryAuditIT.expect(200, s.call(s.admin, "DELETE", "/api/v1/channels/ops-hook", null));
        assertThat(s.call(s.viewer, "GET", "/api/v1/channels/ops-hook", null).status()).isEqualTo(404);
        assertThat(list.body() + one.body() + query("SELECT string_agg(detail::text, ' ') FROM audit_log WHERE action LIKE 'channel.%' AND target = 'ops-hook'"))
                .doesNotContain(SECRET).contains("ops-hook");
        assertThat(query("SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE action LIKE 'channel.%' AND target = 'ops-hook'"))
                .isEqualTo("channel.create,channel.update,channel.test,channel.test,channel.delete");
        status.set(200);
    }

    @Test
    void aBadChannelIsRefusedNamingTheFieldAndAnEmailTestArrives() throws Exception {
        Answer bad = s.call(s.admin, "POST", "/api/v1/channels", "{\"id\":\"s1\",\"name\":\"S\",\"type\":\"slack\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(new JsonObject(bad.body()).getString("error")).isEqualTo("secrets.url: is required.");
        assertThat(new JsonObject(s.call(s.admin, "POST", "/api/v1/channels", "{\"id\":\"p\",\"name\":\"P\",\"type\":\"sms\"}")
                .body()).getString("error")).startsWith("type: 'sms' is not a channel type");
        JsonObject mail = new JsonObject().put("id", "oncall-mail").put("name", "On-call mail").put("type", "email")
                .put("settings", new JsonObject().put("host", "127.0.0.1").put("port", smtp.getSmtp().getPort()).put("starttls", false)
                        .put("user", "pulse").put("from", "pulse@example.org").put("to", "oncall@example.org"))
                .put("secrets", new JsonObject().put("password", MAIL_PASSWORD));
        Answer created = QueryAuditIT.expect(201, s.call(s.admin, "POST", "/api/v1/channels", mail.encode()));
        assertThat(created.body()).doesNotContain(MAIL_PASSWORD).contains("\"password\":{\"set\":true}");
        JsonObject test = new JsonObject(s.call(s.operator, "POST", "/api/v1/channels/oncall-mail/test", null).body());
        assertThat(test.getString("outcome")).as(test.encode()).isEqualTo("delivered");
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("[TEST] Agent Pulse test notification");
        Answer rule = s.call(s.operator, "POST", "/api/v1/alert-rules", """
                {"id":"routed","name":"r","metric":"latency_p95","group":"agent","comparator":">","critical":1,
                 "channels":["oncall-mail:loud"]}""");
        assertThat(rule.status()).isEqualTo(400);
        assertThat(rule.body()).contains("minimum severity 'loud'");
        // the processor's notifier reads what the API stored: a critical alert of this rule goes to the mail channel
        QueryAuditIT.expect(201, s.call(s.operator, "POST", "/api/v1/alert-rules", """
                {"id":"routed","name":"r","metric":"latency_p95","group":"agent","comparator":">","critical":1,
                 "channels":["oncall-mail:critical"]}"""));
        JdbcNotifyRepo repo = new JdbcNotifyRepo(s.db.dataSource(), Optional.empty());
        assertThat(repo.channelsFor("routed", "WARNING")).isEmpty();
        assertThat(repo.channelsFor("routed", "CRITICAL")).singleElement().satisfies(c -> {
            assertThat(c.settings()).containsEntry("port", String.valueOf(smtp.getSmtp().getPort())).containsEntry("starttls", "false");
            assertThat(c.secrets()).containsEntry("password", MAIL_PASSWORD);
        });
        // and a silence made through the API is read with its matchers (not as none, which would match everything)
        QueryAuditIT.expect(201, s.call(s.operator, "POST", "/api/v1/silences", "{\"matchers\":{\"agent\":\"only-this\"}}"));
        assertThat(repo.activeSilences(java.time.Instant.now())).extracting(NotifyRepo.Silence::matchers)
                .contains(java.util.Map.of("agent", "only-this")).doesNotContain(java.util.Map.of());
    }

    static String query(String sql) throws Exception {
        try (Connection c = s.db.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
