package io.agentpulse.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentpulse.avro.AgentEvent;
import io.agentpulse.client.AgentPulseRecorder;
import io.agentpulse.client.KafkaOptions;
import io.agentpulse.contract.Topics;
import io.agentpulse.security.keys.ApiKeys;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients we did not write, against the whole product (all-in-one on free ports): Confluent's
 * JavaScript schema registry client with KafkaJS produces Avro events that the pipeline counts
 * exactly, and decodes the record values our Java client library wrote to the events topic; the OpenTelemetry JavaScript SDK with its
 * OTLP HTTP exporters (protobuf and JSON) sends GenAI spans that come out as the expected events.
 * Needs node and the npm registry (packages installed into target/ from the committed lock file).
 */
class ITAgentInterop {
    /** Made at test time; handed to node in its environment, not on its command line. */
    static final String INGEST_KEY = ApiKeys.generate().token();
    private static final Path SOURCE = Path.of("src/test/js/agent-interop");
    private static final Path JS = Path.of("target/agent-interop");
    private static final Path SCHEMA = Path.of("../contract/src/main/avro/AgentEvent.avsc");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant T0 = Instant.now().minusSeconds(5);

    @TempDir
    static Path dataDir;
    static AllInOne app;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(JS);
        for (String f : List.of("package.json", "package-lock.json", "kafka.cjs", "otel.cjs")) {
            Files.copy(SOURCE.resolve(f), JS.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Path installed = JS.resolve("node_modules/installed-package-lock.json");
        if (!Files.exists(installed) || Files.mismatch(installed, JS.resolve("package-lock.json")) >= 0) {
            run(400, "npm", "ci", "--no-audit", "--no-fund");
            Files.copy(JS.resolve("package-lock.json"), installed, StandardCopyOption.REPLACE_EXISTING);
        }
        Map<String, String> env = new HashMap<>();
        env.put("AGENTPULSE_DATA_DIR", dataDir.toString());
        env.put("AGENTPULSE_DEMO", "false");
        QueryLogin.configure(env);
        env.put("AGENTPULSE_BOOTSTRAP_INGEST_KEY", INGEST_KEY); // the OTLP exporters send it (otel.cjs)
        for (String port : new String[] {"AGENTPULSE_KAFKA_PORT", "AGENTPULSE_REGISTRY_PORT", "AGENTPULSE_PG_PORT",
            "AGENTPULSE_GATEWAY_PORT", "AGENTPULSE_QUERY_PORT", "AGENTPULSE_PROCESSOR_ADMIN_PORT"}) {
            env.put(port, "0");
        }
        app = AllInOne.start(AllInOneConfig.fromEnv(env), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(90)).until(app::ready);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static String registryUrl() {
        return app.serviceEnv().get("AGENTPULSE_REGISTRY_URL");
    }

    @Test
    void avroFromConfluentsJsClientAndKafkaJsIsCountedExactly() throws Exception {
        int n = 1_000;
        run(120, "node", "kafka.cjs", "produce", app.bootstrapServers(), registryUrl(), Topics.EVENTS,
                SCHEMA.toAbsolutePath().toString(), Integer.toString(n), Long.toString(T0.toEpochMilli()));
        long input = 0;
        long output = 0;
        long errors = 0;
        for (int i = 0; i < n; i++) {
            input += 100 + i % 7;
            output += 20 + i % 3;
            errors += i % 10 == 0 ? 1 : 0;
        }
        JsonNode s = awaitSummary("js-kafka-agent", n);
        assertThat(s.path("input_tokens").asLong()).isEqualTo(input);
        assertThat(s.path("output_tokens").asLong()).isEqualTo(output);
        assertThat(s.path("errors").asLong()).isEqualTo(errors);
    }

    @Test
    void eventsOurJavaClientWroteDecodeInConfluentsJsClient() throws Exception {
        try (AgentPulseRecorder pulse = AgentPulseRecorder.builder().agentId("java-to-js").environment("interop")
                .kafka(KafkaOptions.builder(app.bootstrapServers(), registryUrl()).build()).build()) {
            for (int i = 0; i < 3; i++) {
                pulse.record(pulse.event().setEventId("j2js-" + i).setEventTime(T0.plusMillis(i)).setOperation("chat")
                        .setModel("claude-sonnet-4").setLatencyMs(100.5 + i).setInputTokens(1000L + i)
                        .setAttributes(Map.of("team", "ünïcode ✓")));
            }
            pulse.close();
            assertThat(pulse.stats().sent()).isEqualTo(3);
        }
        String values = String.join("\n", valuesOf("java-to-js", 3));
        JsonNode decoded = JSON.readTree(runWithInput(values, 120, "node", "kafka.cjs", "decode", app.bootstrapServers(),
                registryUrl(), Topics.EVENTS));
        assertThat(decoded).hasSize(3);
        JsonNode e1 = decoded.get(1);
        assertThat(e1.path("event_id").asText()).isEqualTo("j2js-1");
        assertThat(e1.path("event_time").asLong()).isEqualTo(T0.toEpochMilli() + 1);
        assertThat(e1.path("environment").asText()).isEqualTo("interop");
        assertThat(e1.path("latency_ms").asDouble()).isEqualTo(101.5);
        assertThat(e1.path("input_tokens").asLong()).isEqualTo(1001);
        assertThat(e1.path("kind").asText()).isEqualTo("SPAN");
        assertThat(e1.path("attributes").path("team").asText()).isEqualTo("ünïcode ✓");
    }

    @Test
    void genAiSpansFromTheOpenTelemetryJsSdkBecomeTheExpectedEvents() throws Exception {
        for (String protocol : List.of("proto", "json")) {
            String agent = "trip-planner-" + protocol;
            String service = "otel-js-" + protocol;
            run(120, "node", "otel.cjs", app.gatewayUrl(), protocol, agent, service);
            // invoke_agent, chat, embeddings, execute_tool, failed chat (the HTTP span is not GenAI)
            JsonNode s = awaitSummary(agent, 5);
            assertThat(s.path("input_tokens").asLong()).as(protocol).isEqualTo(100 + 8 + 50);
            assertThat(s.path("output_tokens").asLong()).as(protocol).isEqualTo(20);
            assertThat(s.path("errors").asLong()).as(protocol).isEqualTo(1);
            JsonNode lone = awaitSummary(service, 1);
            assertThat(lone.path("input_tokens").asLong()).isEqualTo(7);

            List<Map<String, Object>> rows = rows(agent);
            assertThat(rows).extracting(r -> r.get("operation"))
                    .containsExactlyInAnyOrder("invoke_agent", "chat", "chat", "embeddings", "execute_tool");
            Map<String, Object> chat = rows.stream().filter(r -> "chat".equals(r.get("operation"))
                    && "OK".equals(r.get("status"))).findFirst().orElseThrow();
            assertThat(chat).containsEntry("model", "gpt-4o-2024-08-06").containsEntry("provider", "openai")
                    .containsEntry("cached_input_tokens", 40L).containsEntry("reasoning_tokens", 5L)
                    .containsEntry("conversation_id", "conv-42").containsEntry("environment", "interop");
            assertThat(rows.stream().filter(r -> "execute_tool".equals(r.get("operation"))).findFirst().orElseThrow())
                    .containsEntry("tool_name", "search_flights");
            assertThat(rows.stream().filter(r -> "ERROR".equals(r.get("status"))).findFirst().orElseThrow())
                    .containsEntry("error_type", "timeout");
            assertThat(rows.toString()).doesNotContain("SECRET");
        }
    }

    /** The raw values (hex) of the records keyed {@code key} on the events topic, as our serializer wrote them. */
    private static List<String> valuesOf(String key, int count) {
        Map<String, Object> props = Map.of("bootstrap.servers", app.bootstrapServers(), "group.id", "interop-" + key,
                "auto.offset.reset", "earliest");
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(Topics.EVENTS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        out.add(HexFormat.of().formatHex(r.value()));
                    }
                }
                return out.size() >= count;
            });
        }
        return out;
    }

    private static List<Map<String, Object>> rows(String agent) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = app.postgres().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT operation, model, provider, status, error_type, tool_name,"
                     + " conversation_id, environment, input_tokens, cached_input_tokens, reasoning_tokens,"
                     + " attributes::text AS attributes FROM agent_events WHERE agent_id = ?")) {
            ps.setString(1, agent);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    private static JsonNode awaitSummary(String agent, long count) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> summary(agent), s -> s.path("count").asLong() == count);
    }

    private static JsonNode summary(String agent) throws Exception {
        String url = app.queryUrl() + "/api/v1/summary?from=" + T0.minusSeconds(60).toEpochMilli()
                + "&to=" + Instant.now().plusSeconds(120).toEpochMilli() + "&agent=" + agent;
        HttpResponse<String> r = HTTP.send(QueryLogin.get(HTTP, app.queryUrl(), url.substring(app.queryUrl().length())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Runs a command in the JS folder; returns its stdout, fails with its stderr. */
    private static String run(int timeoutSeconds, String... command) throws IOException, InterruptedException {
        return runWithInput("", timeoutSeconds, command);
    }

    private static String runWithInput(String input, int timeoutSeconds, String... command)
            throws IOException, InterruptedException {
        Path err = Files.createTempFile("interop", ".err");
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(JS.toFile())
                .redirectError(err.toFile());
        pb.environment().put("AGENTPULSE_API_KEY", INGEST_KEY);
        Process p = pb.start();
        try (var stdin = p.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String stderr = Files.readString(err);
        Files.deleteIfExists(err);
        assertThat(done && p.exitValue() == 0).as(String.join(" ", command) + " failed:\n" + stderr + out).isTrue();
        return out.trim();
    }
}
