package io.agentpulse.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentpulse.query.SecuredServer.Answer;
import io.agentpulse.query.SecuredServer.Caller;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Each audited action of docs/SECURITY.md, performed once through the API, leaves exactly one audit row with
 * that action; then a dump of the whole database holds no password and no key token in clear.
 */
class QueryAuditIT {
    static final String RULE = """
            {"id":"audit-rule","name":"audit","metric":"latency_p95","group":"agent","selector":{"agent":"*"},
             "comparator":">","critical":1000,"min_samples":5,"range":"PT1M","for":"PT0S","keep_firing_for":"PT0S"}""";
    static SecuredServer s;
    final List<String> secrets = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        s = new SecuredServer("query_audit_it");
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void everyActionLeavesExactlyOneRowAndTheDumpHoldsNoSecret() throws Exception {
        Caller a = s.admin;
        secrets.addAll(List.of(TestHttp.ADMIN_PASSWORD, SecuredServer.USER_PASSWORD, s.read.bearer(), s.ingest.bearer()));
        one("auth.login", () -> s.login("view1", SecuredServer.USER_PASSWORD) != null);
        one("auth.login.failed", () -> s.call(s.anonymous, "POST", "/api/v1/auth/login", login("view1", "wrong-password-123")));
        for (int i = 0; i < 5; i++) {
            s.call(s.anonymous, "POST", "/api/v1/auth/login", login("op1", "wrong-password-123"));
        }
        // audit rows are written next to the answer, not before it: let the five failures land first
        await().atMost(Duration.ofSeconds(10)).until(() -> "5".equals(
                query("SELECT count(*) FROM audit_log WHERE action = 'auth.login.failed' AND actor = 'op1'")));
        one("auth.login.throttled", () -> s.call(s.anonymous, "POST", "/api/v1/auth/login", login("op1", SecuredServer.USER_PASSWORD)));
        Caller temp = s.user("temp1", "viewer");
        one("auth.password", () -> s.call(temp, "POST", "/api/v1/auth/password", new JsonObject()
                .put("current", SecuredServer.USER_PASSWORD).put("next", "a-brand-new-password").encode()));
        secrets.add("a-brand-new-password");
        one("auth.logout", () -> s.call(temp, "POST", "/api/v1/auth/logout", null));
        one("user.create", () -> s.call(a, "POST", "/api/v1/admin/users", new JsonObject().put("username", "gone1")
                .put("role", "viewer").put("password", "gone-user-password").encode()));
        secrets.add("gone-user-password");
        one("user.update", () -> s.call(a, "PATCH", "/api/v1/admin/users/gone1", "{\"role\":\"operator\"}"));
        one("user.delete", () -> s.call(a, "DELETE", "/api/v1/admin/users/gone1", null));
        String[] keyId = new String[1];
        one("key.create", () -> {
            JsonObject k = s.newKey("audit-key", "read", null);
            keyId[0] = k.getString("id");
            secrets.add(k.getString("token"));
            return k;
        });
        one("key.revoke", () -> s.call(a, "DELETE", "/api/v1/admin/keys/" + keyId[0], null));
        one("rule.create", () -> expect(201, s.call(s.operator, "POST", "/api/v1/alert-rules", RULE)));
        one("rule.update", () -> expect(200, s.call(s.operator, "PUT", "/api/v1/alert-rules/audit-rule", RULE)));
        one("rule.delete", () -> expect(200, s.call(s.operator, "DELETE", "/api/v1/alert-rules/audit-rule", null)));
        sql("INSERT INTO alert_history (fingerprint, starts_at, rule_id, rule_name, state, severity, labels, updated_at) "
                + "VALUES ('fp-audit', now(), 'r', 'r', 'FIRING', 'critical', '{}', now())");
        one("alert.ack", () -> expect(200, s.call(s.operator, "POST", "/api/v1/alerts/fp-audit/ack", "{\"by\":\"mallory\"}")));
        assertThat(query("SELECT acked_by FROM alert_acks WHERE fingerprint = 'fp-audit'")).as("the actor is the caller, not the body")
                .isEqualTo("op1");
        Answer silence = s.call(s.operator, "POST", "/api/v1/silences", "{\"matchers\":{\"agent\":\"x\"}}");
        assertThat(silence.status()).isEqualTo(201);
        long silenceId = new JsonObject(silence.body()).getLong("id");
        assertThat(rows("alert.silence")).isEqualTo(1);
        one("alert.unsilence", () -> expect(200, s.call(s.operator, "DELETE", "/api/v1/silences/" + silenceId, null)));
        one("layout.save", () -> expect(200, s.call(s.operator, "PUT", "/api/v1/layouts/me", "{\"panels\":[]}")));
        one("export", () -> expect(200, s.call(s.read, "GET", "/api/v1/agents?format=csv", null)));
        one("export", () -> expect(200, s.call(a, "GET", "/api/v1/admin/audit?format=csv", null)));
        assertThat(query("SELECT actor || '/' || actor_kind FROM audit_log WHERE action = 'key.create' ORDER BY id DESC LIMIT 1"))
                .isEqualTo("admin/user");
        assertNoSecretInDump();
    }

    /** Runs the action and waits until exactly one new audit row exists: the one with {@code action}. */
    void one(String action, Callable<?> doIt) throws Exception {
        long before = maxId();
        doIt.call();
        await().atMost(Duration.ofSeconds(10)).until(() -> maxId() > before);
        String got = query("SELECT string_agg(action, ',') FROM audit_log WHERE id > " + before);
        assertThat(got).as("audit rows of " + action).isEqualTo(action);
    }

    static Answer expect(int status, Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        return a;
    }

    static String login(String user, String password) {
        return new JsonObject().put("username", user).put("password", password).encode();
    }

    long maxId() throws Exception {
        return Long.parseLong(Optional.ofNullable(query("SELECT max(id) FROM audit_log")).orElse("0"));
    }

    long rows(String action) throws Exception {
        return Long.parseLong(query("SELECT count(*) FROM audit_log WHERE action = '" + action + "'"));
    }

    String query(String sql) throws Exception {
        try (Connection c = s.db.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    void sql(String sql) throws Exception {
        try (Connection c = s.db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    void assertNoSecretInDump() throws Exception {
        String dump = dump();
        assertThat(dump).contains("$argon2id$");
        for (String secret : secrets) {
            assertThat(dump).as("the dump holds a secret in clear").doesNotContain(secret);
            if (secret.startsWith("apk_")) {
                assertThat(dump).doesNotContain(secret.substring(secret.lastIndexOf('_') + 1));
            }
        }
    }

    /**
     * pg_dump of the whole database. Debian's pg_dump refuses a newer server (zonky's archive, which runs the
     * embedded server, ships no pg_dump); then every table is copied out as pg_dump's data section would be.
     */
    String dump() throws Exception {
        Optional<Path> pgDump = pgDump();
        if (pgDump.isPresent()) {
            Process p = new ProcessBuilder(pgDump.get().toString(), "-h", s.db.host(), "-p", String.valueOf(s.db.port()),
                    "-U", s.db.user(), "--no-password", s.db.name()).redirectErrorStream(true).start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            p.getInputStream().transferTo(out);
            String text = out.toString(StandardCharsets.UTF_8);
            if (p.waitFor() == 0) {
                return text;
            }
            assertThat(text).as("pg_dump failed for another reason than its version").contains("version mismatch");
        }
        StringBuilder all = new StringBuilder();
        try (Connection c = s.db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                     + "AND table_type = 'BASE TABLE'")) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            for (String t : tables) {
                StringWriter w = new StringWriter();
                copy.copyOut("COPY (SELECT * FROM public.\"" + t + "\") TO STDOUT", w);
                all.append("-- ").append(t).append('\n').append(w);
            }
            assertThat(tables).contains("users", "sessions", "api_keys", "audit_log");
        }
        return all.toString();
    }

    /** Debian's pg_dump (newest version installed), if any. */
    static Optional<Path> pgDump() throws Exception {
        Path debian = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(debian)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(debian)) {
            return versions.map(v -> v.resolve("bin/pg_dump")).filter(Files::isExecutable).max(Comparator.comparing(Path::toString));
        }
    }
}
