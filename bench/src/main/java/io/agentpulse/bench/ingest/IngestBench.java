package io.agentpulse.bench.ingest;

import com.google.protobuf.ByteString;
import io.agentpulse.allinone.AllInOne;
import io.agentpulse.allinone.AllInOneConfig;
import io.agentpulse.allinone.demo.ClientEvents;
import io.agentpulse.avro.AgentEvent;
import io.agentpulse.client.AgentPulseRecorder;
import io.agentpulse.client.PulseEvent;
import io.agentpulse.client.Transport;
import io.agentpulse.ingest.gateway.GatewayConfig;
import io.agentpulse.ingest.gateway.GatewayServer;
import io.agentpulse.ingest.json.EventJson;
import io.agentpulse.ingest.limits.LimitsConfig;
import io.agentpulse.ingest.publish.EventPublisher;
import io.agentpulse.security.keys.ApiKeys;
import io.agentpulse.security.keys.InMemoryApiKeyStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gateway throughput (events/s) for JSON {@code /v1/events} and OTLP protobuf {@code /v1/traces},
 * behind a publisher that acknowledges at once (the gateway's own cost) and, with {@code --kafka},
 * behind the real Kafka of the all-in-one (acks=all); then the client library's overhead per
 * {@code record()} call. Usage: {@code java -cp bench/target/bench.jar io.agentpulse.bench.ingest.IngestBench
 * [--kafka] [--seconds N] [--clients N] [--batch N]}.
 */
public final class IngestBench {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** The ingest key every request carries (adopted by each gateway as its bootstrap key). */
    private final String token = ApiKeys.generate().token();
    private final int seconds;
    private final int clients;
    private final int batch;

    private IngestBench(int seconds, int clients, int batch) {
        this.seconds = seconds;
        this.clients = clients;
        this.batch = batch;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
                opts.put(args[i].substring(2), flag ? "true" : args[++i]);
            }
        }
        IngestBench bench = new IngestBench(Integer.parseInt(opts.getOrDefault("seconds", "10")),
                Integer.parseInt(opts.getOrDefault("clients", "8")), Integer.parseInt(opts.getOrDefault("batch", "100")));
        System.out.printf("IngestBench: %d s per run, %d concurrent HTTP clients, %d events per request%n",
                bench.seconds, bench.clients, bench.batch);
        bench.gatewayWithoutKafka();
        if (opts.containsKey("kafka")) {
            bench.gatewayWithKafka();
        }
        ClientOverhead.run();
        System.exit(0);
    }

    private void gatewayWithoutKafka() throws Exception {
        Vertx vertx = Vertx.vertx();
        GatewayConfig config = GatewayConfig.fromEnv(Map.of("AGENTPULSE_GATEWAY_HOST", "127.0.0.1", "AGENTPULSE_GATEWAY_PORT", "0",
                "AGENTPULSE_BOOTSTRAP_INGEST_KEY", token));
        GatewayServer server = GatewayServer.start(vertx, config, LimitsConfig.defaults().withRate(0, 1), new Discard(),
                new InMemoryApiKeyStore(Clock.systemUTC()), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC()).toCompletionStage().toCompletableFuture().join();
        String base = "http://127.0.0.1:" + server.port();
        report("gateway, acknowledging publisher", base);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private void gatewayWithKafka() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("AGENTPULSE_DATA_DIR", Files.createTempDirectory("ingest-bench").toString());
        env.put("AGENTPULSE_DEMO", "false");
        env.put("AGENTPULSE_GATEWAY_RATE_PER_KEY", "0");
        env.put("AGENTPULSE_BOOTSTRAP_INGEST_KEY", token);
        for (String port : new String[] {"AGENTPULSE_KAFKA_PORT", "AGENTPULSE_REGISTRY_PORT", "AGENTPULSE_PG_PORT",
            "AGENTPULSE_GATEWAY_PORT", "AGENTPULSE_QUERY_PORT", "AGENTPULSE_PROCESSOR_ADMIN_PORT"}) {
            env.put(port, "0");
        }
        try (AllInOne app = AllInOne.start(AllInOneConfig.fromEnv(env), Clock.systemUTC())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!app.ready() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            report("all-in-one gateway, Kafka acks=all (processor running beside)", app.gatewayUrl());
        }
    }

    private void report(String setup, String base) throws Exception {
        byte[] json = EventJson.toJsonArray(events(batch)).getBytes(StandardCharsets.UTF_8);
        byte[] otlp = otlp(batch);
        run(base + "/v1/events", "application/json", json, 3); // warm-up
        run(base + "/v1/traces", "application/x-protobuf", otlp, 3);
        double jsonRate = run(base + "/v1/events", "application/json", json, seconds);
        double otlpRate = run(base + "/v1/traces", "application/x-protobuf", otlp, seconds);
        System.out.printf("%s: JSON /v1/events %,.0f events/s (%d B/request); OTLP protobuf /v1/traces %,.0f spans/s (%d B/request)%n",
                setup, jsonRate, json.length, otlpRate, otlp.length);
    }

    /** Closed loop: each client sends the same body again as soon as the previous answer came. */
    private double run(String url, String type, byte[] body, int forSeconds) throws Exception {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + forSeconds * 1_000_000_000L;
        long t0 = System.nanoTime();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            loops.add(loop(url, type, body, end, ok, failed));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
        if (failed.get() > 0) {
            System.out.printf("  (%d requests not accepted)%n", failed.get());
        }
        return ok.get() * (double) batch / ((System.nanoTime() - t0) / 1e9);
    }

    private CompletableFuture<Void> loop(String url, String type, byte[] body, long end, AtomicLong ok, AtomicLong failed) {
        if (System.nanoTime() >= end) {
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).thenCompose(r -> {
            (r.statusCode() / 100 == 2 ? ok : failed).incrementAndGet();
            return loop(url, type, body, end, ok, failed);
        });
    }

    static List<AgentEvent> events(int n) {
        List<AgentEvent> out = new ArrayList<>(n);
        Instant now = Instant.now();
        for (int i = 0; i < n; i++) {
            out.add(AgentEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setEventTime(now)
                    .setAgentId("bench-agent-" + (i % 20)).setOperation("chat").setModel("gpt-4o").setProvider("openai")
                    .setLatencyMs(100.0 + i).setInputTokens(1000L + i).setOutputTokens(200L).build());
        }
        return out;
    }

    static byte[] otlp(int n) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        long start = System.currentTimeMillis() * 1_000_000L;
        for (int i = 0; i < n; i++) {
            scope.addSpans(Span.newBuilder().setTraceId(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(7).putLong(i + 1L).array()))
                    .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(i + 1L).array())).setName("chat gpt-4o")
                    .setStartTimeUnixNano(start).setEndTimeUnixNano(start + 100_000_000L)
                    .addAttributes(kv("gen_ai.operation.name", "chat")).addAttributes(kv("gen_ai.provider.name", "openai"))
                    .addAttributes(kv("gen_ai.request.model", "gpt-4o")).addAttributes(kv("gen_ai.agent.name", "bench-agent-" + (i % 20)))
                    .addAttributes(KeyValue.newBuilder().setKey("gen_ai.usage.input_tokens").setValue(AnyValue.newBuilder().setIntValue(1000 + i)))
                    .addAttributes(KeyValue.newBuilder().setKey("gen_ai.usage.output_tokens").setValue(AnyValue.newBuilder().setIntValue(200))));
        }
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(kv("service.name", "bench"))).addScopeSpans(scope)).build().toByteArray();
    }

    private static KeyValue kv(String k, String v) {
        return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v)).build();
    }

    /** Acknowledges every batch at once: measures the gateway alone. */
    private static final class Discard implements EventPublisher {
        @Override
        public CompletableFuture<Void> publish(List<AgentEvent> events) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public void close() {}
    }

    /** The agent-side cost of the client library: one record() call, the sender discarding batches. */
    static final class ClientOverhead {
        static void run() {
            Transport discard = new Transport() {
                @Override
                public void send(List<PulseEvent> b) {}

                @Override
                public void close() {}
            };
            try (AgentPulseRecorder pulse = AgentPulseRecorder.builder().transport(discard).agentId("bench")
                    .capacity(100_000).build()) {
                measure(pulse, 2_000_000); // warm-up
                double withBuild = measure(pulse, 2_000_000);
                PulseEvent prebuilt = ClientEvents.from(events(1).get(0));
                long t0 = System.nanoTime();
                int n = 5_000_000;
                for (int i = 0; i < n; i++) {
                    pulse.record(prebuilt);
                }
                double recordOnly = (System.nanoTime() - t0) / (double) n;
                System.out.printf("client: record(event builder) %.0f ns/call (event id, clock, build, enqueue); "
                        + "record(prebuilt event) %.0f ns/call; dropped %s%n", withBuild, recordOnly, pulse.stats().dropped());
            }
        }

        private static double measure(AgentPulseRecorder pulse, int n) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                pulse.record(pulse.event().setOperation("chat").setModel("gpt-4o").setLatencyMs(812.0)
                        .setInputTokens(1200L).setOutputTokens(300L));
            }
            return (System.nanoTime() - t0) / (double) n;
        }
    }
}
