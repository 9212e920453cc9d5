package io.agentpulse.query.alert;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.Status;
import io.agentpulse.contract.Topics;
import io.agentpulse.contract.registry.SchemaRegistryClient;
import io.agentpulse.contract.serde.AvroSerializer;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Live traffic for a few agents: every 100 ms, two calls per agent at that agent's current latency (ms). */
final class AlertTraffic implements AutoCloseable {
    final Map<String, Double> latency = new ConcurrentHashMap<>();
    private final KafkaProducer<String, AgentEvent> producer;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    AlertTraffic(String bootstrap, SchemaRegistryClient registry, String... agents) {
        producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new AvroSerializer<>(registry));
        for (String a : agents) {
            latency.put(a, 100.0);
        }
        timer.scheduleAtFixedRate(this::tick, 0, 100, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        Instant now = Instant.now();
        latency.forEach((agent, ms) -> {
            for (int i = 0; i < 2; i++) {
                AgentEvent e = AgentEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setEventTime(now)
                        .setAgentId(agent).setModel("gpt-4o").setOperation("chat").setStatus(Status.OK)
                        .setLatencyMs(ms * (0.9 + 0.1 * i)).setInputTokens(10L).setOutputTokens(5L).setCostUsd(0.0001).build();
                producer.send(new ProducerRecord<>(Topics.EVENTS, agent, e));
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        producer.close();
    }
}
