package io.agentpulse.bench;

import io.agentpulse.allinone.AllInOne;
import io.agentpulse.allinone.AllInOneConfig;
import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.AlertEvent;
import io.agentpulse.avro.AlertState;
import io.agentpulse.avro.Status;
import io.agentpulse.contract.Topics;
import io.agentpulse.contract.serde.AvroDeserializer;
import io.agentpulse.contract.serde.AvroSerializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Detection delay of alerting on the all-in-one: a rule (p95 latency > 1000 ms, for = 0) over live
 * traffic of N agents (20 calls/s each, 100 ms); one agent at a time jumps to 3000 ms, and the delay
 * is from that jump (condition start) to the firing event read from agentpulse.alerts. p50 and max.
 * Run: {@code java -cp bench/target/bench.jar io.agentpulse.bench.AlertDelayBench [--trials 10] [--agents 20]}
 */
public final class AlertDelayBench {
    static final String RULE = """
            {"id":"bench-p95","name":"bench p95","metric":"latency_p95","group":"agent","selector":{"agent":"bench-agent-*"},
             "comparator":">","critical":1000,"min_samples":5,"range":"PT1S","for":"PT0S","keep_firing_for":"PT0S"}""";

    private AlertDelayBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        int trials = Integer.parseInt(opts.getOrDefault("--trials", "10"));
        int agents = Math.max(trials, Integer.parseInt(opts.getOrDefault("--agents", "20")));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("AGENTPULSE_DATA_DIR", Files.createTempDirectory("agentpulse-alert-bench").toString());
        env.put("AGENTPULSE_DEMO", "false");
        QueryAuth.configure(env);
        for (String port : new String[] {"AGENTPULSE_KAFKA_PORT", "AGENTPULSE_REGISTRY_PORT", "AGENTPULSE_PG_PORT",
            "AGENTPULSE_GATEWAY_PORT", "AGENTPULSE_QUERY_PORT"}) {
            env.putIfAbsent(port, "0");
        }
        try (AllInOne app = AllInOne.start(AllInOneConfig.fromEnv(env), Clock.systemUTC())) {
            while (!app.ready()) {
                Thread.sleep(200); // a driver, not a test: poll the readiness
            }
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(QueryAuth.login(http, app.queryUrl())
                    .sign(HttpRequest.newBuilder(URI.create(app.queryUrl() + "/api/v1/alert-rules")))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(RULE)).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println("rule: " + r.statusCode() + " " + r.body());
            List<Long> delays = run(app, trials, agents);
            Collections.sort(delays);
            System.out.printf("detection delay over %d trials: p50 %d ms, max %d ms, all %s%n", delays.size(),
                    delays.get((delays.size() - 1) / 2), delays.get(delays.size() - 1), delays);
        }
        System.exit(0);
    }

    static List<Long> run(AllInOne app, int trials, int agents) throws Exception {
        Map<String, Double> latency = new ConcurrentHashMap<>();
        for (int i = 0; i < agents; i++) {
            latency.put("bench-agent-" + i, 100.0);
        }
        Properties pp = app.producerProps();
        KafkaProducer<String, AgentEvent> producer = app.kafkaClients().producer(pp, new StringSerializer(), new AvroSerializer<>(app.registryClient()));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.scheduleAtFixedRate(() -> latency.forEach((agent, ms) -> {
            for (int k = 0; k < 2; k++) {
                producer.send(new ProducerRecord<>(Topics.EVENTS, agent, AgentEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                        .setEventTime(Instant.now()).setAgentId(agent).setModel("gpt-4o").setOperation("chat").setStatus(Status.OK)
                        .setLatencyMs(ms * (0.9 + 0.1 * k)).setInputTokens(10L).setOutputTokens(5L).setCostUsd(0.0001).build()));
            }
        }), 0, 100, TimeUnit.MILLISECONDS);
        Map<String, Object> cp = Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "alert-bench-" + UUID.randomUUID(), ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Long> delays = new ArrayList<>();
        try (KafkaConsumer<String, AlertEvent> consumer = app.kafkaClients().consumer(cp, new StringDeserializer(),
                new AvroDeserializer<>(app.registryClient(), AlertEvent.class))) {
            consumer.subscribe(List.of(Topics.ALERTS));
            drain(consumer, Duration.ofSeconds(20)); // baseline traffic: windows exist before the first spike
            for (int t = 0; t < trials; t++) {
                String agent = "bench-agent-" + t;
                awaitCaughtUp(app, consumer);
                long start = System.currentTimeMillis();
                latency.put(agent, 3_000.0);
                long seen = awaitFiring(consumer, agent, start + 60_000);
                long delay = seen < 0 ? -1 : seen - start;
                delays.add(delay);
                System.out.printf("trial %d (%s): %d ms%n", t, agent, delay);
                latency.put(agent, 100.0);
                drain(consumer, Duration.ofSeconds(2));
            }
        } finally {
            timer.shutdownNow();
            producer.close();
        }
        return delays;
    }

    /**
     * The condition starts only once the processor keeps up with the traffic (lag on agentpulse.events
     * below 2 s of it): the figure is the detection delay, not the catch-up after a cold start.
     */
    private static void awaitCaughtUp(AllInOne app, KafkaConsumer<String, AlertEvent> consumer) throws Exception {
        String group = app.serviceEnv().getOrDefault("AGENTPULSE_PROCESSOR_APPLICATION_ID", "agentpulse-processor");
        try (org.apache.kafka.clients.admin.Admin admin = app.kafkaClients().admin()) {
            while (true) {
                var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                var parts = committed.keySet().stream().filter(tp -> tp.topic().equals(Topics.EVENTS)).toList();
                if (!parts.isEmpty()) {
                    var ends = admin.listOffsets(parts.stream().collect(java.util.stream.Collectors.toMap(tp -> tp,
                            tp -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get();
                    long lag = parts.stream().mapToLong(tp -> ends.get(tp).offset() - committed.get(tp).offset()).sum();
                    if (lag < 800) {
                        return;
                    }
                }
                drain(consumer, Duration.ofMillis(500));
            }
        }
    }

    private static long awaitFiring(KafkaConsumer<String, AlertEvent> consumer, String agent, long deadline) {
        while (System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<String, AlertEvent> rec : consumer.poll(Duration.ofMillis(50))) {
                AlertEvent e = rec.value();
                if (e.getState() == AlertState.FIRING && "bench-p95".equals(e.getRuleId()) && agent.equals(e.getLabels().get("agent"))) {
                    return System.currentTimeMillis();
                }
            }
        }
        return -1;
    }

    private static void drain(KafkaConsumer<String, AlertEvent> consumer, Duration d) {
        long end = System.currentTimeMillis() + d.toMillis();
        while (System.currentTimeMillis() < end) {
            consumer.poll(Duration.ofMillis(100));
        }
    }
}
