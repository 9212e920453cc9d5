package io.agentpulse.contract.serde;

import io.agentpulse.registry.RegistryServer;

import io.agentpulse.contract.registry.RegistrySettings;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.EventKind;
import io.agentpulse.avro.Status;
import io.agentpulse.contract.Topics;
import io.agentpulse.contract.registry.HttpSchemaRegistryClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both ways against Confluent's official JavaScript client ({@code @confluentinc/schemaregistry}
 * from npm): it registers and serializes through {@link RegistryServer}, our deserializer reads
 * it; our serializer writes, its deserializer reads. Needs node and the npm registry.
 */
class ITConfluentJsInterop {
    private static final Path SOURCE = Path.of("src/test/js/confluent-interop");
    private static final Path JS = Path.of("target/confluent-interop");

    @TempDir
    Path dataDir;
    private final Vertx vertx = Vertx.vertx();
    private RegistryServer server;
    private String url;

    @BeforeAll
    static void installClient() throws Exception {
        Files.createDirectories(JS);
        for (String f : List.of("package.json", "package-lock.json", "interop.cjs")) {
            Files.copy(SOURCE.resolve(f), JS.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(JS.resolve("node_modules/@confluentinc/schemaregistry/package.json"))) {
            run(300, "npm", "ci", "--no-audit", "--no-fund");
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = TestFutures.await(RegistryServer.start(vertx, 0, dataDir));
        url = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() throws Exception {
        TestFutures.await(vertx.close());
    }

    @Test
    void valueSerializedByConfluentsJsClientDecodesInJava() throws Exception {
        String hex = run(60, "node", "interop.cjs", "produce", url, Topics.EVENTS,
            Path.of("../contract/src/main/avro/AgentEvent.avsc").toAbsolutePath().toString());

        AgentEvent e = new AvroDeserializer<>(HttpSchemaRegistryClient.create(RegistrySettings.fromEnv(Map.of(RegistrySettings.URL, url))), AgentEvent.class)
            .deserialize(Topics.EVENTS, HexFormat.of().parseHex(hex));

        assertThat(e.getEventId()).isEqualTo("js-1");
        assertThat(e.getEventTime()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(e.getKind()).isEqualTo(EventKind.FEEDBACK);
        assertThat(e.getStatus()).isEqualTo(Status.ERROR);
        assertThat(e.getLatencyMs()).isEqualTo(812.25);
        assertThat(e.getInputTokens()).isEqualTo(1200L);
        assertThat(e.getTtftMs()).isNull();
        assertThat(e.getAttributes()).isEqualTo(Map.of("team", "search", "ünïcode", "✓"));
    }

    @Test
    void valueSerializedInJavaDecodesInConfluentsJsClient() throws Exception {
        AgentEvent event = TestEvents.fixed();
        byte[] bytes = new AvroSerializer<AgentEvent>(HttpSchemaRegistryClient.create(RegistrySettings.fromEnv(Map.of(RegistrySettings.URL, url)))).serialize(Topics.EVENTS, event);

        JsonObject decoded = new JsonObject(run(60, "node", "interop.cjs", "consume", url, Topics.EVENTS,
            HexFormat.of().formatHex(bytes)));

        assertThat(decoded.getString("event_id")).isEqualTo("e-1");
        assertThat(decoded.getLong("event_time")).isEqualTo(TestEvents.TIME.toEpochMilli());
        assertThat(decoded.getString("kind")).isEqualTo("SPAN");
        assertThat(decoded.getDouble("latency_ms")).isEqualTo(123.5);
        assertThat(decoded.getLong("input_tokens")).isEqualTo(1000L);
        assertThat(decoded.getValue("cost_usd")).isNull();
        assertThat(decoded.getJsonObject("attributes").getMap()).isEqualTo(Map.of("region", "eu"));
    }

    /** Runs a command in the JS folder; returns its stdout, fails with its stderr. */
    private static String run(int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("interop", ".err");
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(JS.toFile())
            .redirectError(err.toFile()).start();
        p.getOutputStream().close();
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
