package io.agentpulse.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser against the real all-in-one (embedded broker, PostgreSQL,
 * registry, processor, gateway, query API and a small demo fleet): runs web-ui's
 * e2e/dashboard.e2e.mjs (node + playwright-core + Debian chromium, headless) with the live URLs
 * and fails on its exit code. The all-in-one starts with a known first-admin password and an adopted
 * ingest key, which the browser test uses to sign in and to send its own events. Screenshots of
 * every view go to docs/screenshots/. AGENTPULSE_E2E_ONLY (a test-only variable, not a setting) runs
 * only the browser tests whose names match that regular expression. Up to three failed checks are run once more
 * (printed as a RETRY with their first failure); a check that fails twice fails the build. Skips when
 * chromium, node or web-ui's node_modules are missing.
 */
class ITDashboardBrowser {
    static final Path WEB_UI = Path.of("..", "web-ui").toAbsolutePath().normalize();
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("AGENTPULSE_CHROMIUM", "/usr/bin/chromium"));
    static final String EVIL = "<img src=x onerror=alert(1)>";
    /**
     * The gateway adopts this token as an ingest key at start (AGENTPULSE_BOOTSTRAP_INGEST_KEY): the test's own
     * events use it, whichever key store the gateway has. Format: apk_<12 base32>_<43 base64url>.
     */
    static final String INGEST_KEY = "apk_e2eingestkey_" + "A".repeat(43);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;
    static AllInOne app;

    @BeforeAll
    static void start() throws Exception {
        // On a developer's machine without chromium the test is skipped; in CI (.ci/run installs
        // chromium, CI=true) a missing browser is a failure, never a silent skip.
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (ci) {
            org.junit.jupiter.api.Assertions.assertTrue(Files.isExecutable(CHROMIUM), "no chromium at " + CHROMIUM);
        }
        assumeTrue(Files.isExecutable(CHROMIUM), "no chromium at " + CHROMIUM + " (apt-get install -y chromium)");
        assumeTrue(Files.isDirectory(WEB_UI.resolve("node_modules/playwright-core")), "web-ui's node_modules are missing (npm ci)");
        Map<String, String> env = new HashMap<>();
        env.put("AGENTPULSE_DATA_DIR", dataDir.toString());
        env.put("AGENTPULSE_DEMO", "true");
        // A small fleet (1 call/s in all) so the test's own burst is unmistakable on the tiles.
        env.put("AGENTPULSE_DEMO_AGENTS", "5");
        env.put("AGENTPULSE_DEMO_RATE", "0.2");
        // The built-ins and the demo fleet's attribute team (e2e/dimensions.mjs filters by both)
        env.put("AGENTPULSE_DIMENSIONS", "environment,provider,tool_name,team");
        env.put("AGENTPULSE_AGENT_CALLS_EVERY", "1s"); // the Graph test waits for the call-graph job
        QueryLogin.configure(env); // the first admin's password: the browser test signs in with it
        env.put("AGENTPULSE_BOOTSTRAP_INGEST_KEY", INGEST_KEY);
        env.put("AGENTPULSE_BUDGET_EVERY", "2s"); // budget.mjs: a budget rule fires within seconds, not the default 30
        for (String port : new String[] {"AGENTPULSE_KAFKA_PORT", "AGENTPULSE_REGISTRY_PORT", "AGENTPULSE_PG_PORT",
            "AGENTPULSE_GATEWAY_PORT", "AGENTPULSE_QUERY_PORT", "AGENTPULSE_PROCESSOR_ADMIN_PORT"}) {
            env.put(port, "0");
        }
        app = AllInOne.start(AllInOneConfig.fromEnv(env), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(90)).until(app::ready);
        seedHostileAgent();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode agents = get("/api/v1/agents").path("agents");
            JsonNode events = get("/api/v1/events?status=error&agent=" + java.net.URLEncoder.encode(EVIL, "UTF-8")).path("events");
            return agents.toString().contains("onerror") && events.size() > 0;
        });
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** Calls from an agent whose name is markup, one of them failing, so the page must show it as text. */
    static void seedHostileAgent() throws Exception {
        long now = System.currentTimeMillis();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 5; i++) {
            body.append(i == 0 ? "" : ",").append(JSON.createObjectNode()
                    .put("event_id", "xss-" + now + "-" + i).put("event_time", now - 1000 + i).put("agent_id", EVIL)
                    .put("model", "<b>bold-model</b>").put("operation", "chat").put("latency_ms", 300 + i * 100)
                    .put("input_tokens", 100).put("output_tokens", 50).put("status", i == 0 ? "ERROR" : "OK")
                    .put("error_type", i == 0 ? "<script>alert(2)</script>" : null));
        }
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(app.gatewayUrl() + "/v1/events"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + INGEST_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body.append("]").toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
    }

    static JsonNode get(String path) throws Exception {
        return JSON.readTree(HTTP.send(QueryLogin.get(HTTP, app.queryUrl(), path).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /**
     * The check that collects page errors, console errors and CSP violations over every earlier test: rerun alone it
     * would see nothing, so its failure is never retried.
     */
    static final String COLLECTOR = "no page errors, console errors, CSP violations or dialogs on any view";

    @Test
    void dashboardWorksInChromium() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("BASE_URL", app.queryUrl());
        env.put("GATEWAY_URL", app.gatewayUrl());
        env.put("ADMIN_PASSWORD", QueryLogin.ADMIN_PASSWORD);
        env.put("GATEWAY_TOKEN", INGEST_KEY);
        env.put("SCREENSHOT_DIR", WEB_UI.resolve("../docs/screenshots").normalize().toString());
        env.put("AGENTPULSE_CHROMIUM", CHROMIUM.toString());
        BrowserRun first = BrowserRun.run(WEB_UI, env, System.getenv("AGENTPULSE_E2E_ONLY"));
        if (first.exitCode() == 0) {
            return;
        }
        // One retry of at most three failed checks (never the collector): these checks wait on a live pipeline
        // (SSE frames, alert evaluation, job runs) on a shared 2-core machine, and one slow minute in a CI run must
        // not throw away the build. A check that fails twice fails the build; a retry is printed with its first
        // failure, so a flaky check is seen and fixed rather than hidden.
        boolean retry = !first.failedNames().isEmpty() && first.failedNames().size() <= 3
                && !first.failedNames().contains(COLLECTOR);
        assertThat(retry).as("browser checks failed (exit code %d), not retried:%n%s", first.exitCode(),
                String.join("\n", first.failingSection())).isTrue();
        System.out.println("[browser] RETRY of " + first.failedNames() + " after:\n" + String.join("\n", first.failingSection()));
        // The collector runs again with them: the retried checks' pages are watched for problems too.
        java.util.List<String> again = new java.util.ArrayList<>(first.failedNames());
        again.add(COLLECTOR);
        BrowserRun second = BrowserRun.run(WEB_UI, env, BrowserRun.exactly(again));
        assertThat(second.exitCode()).as("browser checks failed twice; first run:%n%s%nretry:%n%s",
                String.join("\n", first.failingSection()), String.join("\n", second.failingSection())).isZero();
    }
}
