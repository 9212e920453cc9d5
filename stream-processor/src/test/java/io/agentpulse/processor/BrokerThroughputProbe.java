package io.agentpulse.processor;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.Status;
import io.agentpulse.embedded.EmbeddedInfra;
import io.agentpulse.contract.Topics;
import io.agentpulse.processor.config.ProcessorConfig;
import io.agentpulse.registry.InMemorySchemaRegistryClient;
import io.agentpulse.contract.serde.AvroSerializer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A rough end-to-end figure on the embedded broker (not a test; run by hand, see RATIONALE.md):
 * pre-loads N events, then times the processor from start until it has accepted all of them.
 */
public final class BrokerThroughputProbe {
    private BrokerThroughputProbe() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        EmbeddedInfra infra = EmbeddedInfra.shared();
        infra.recreateTopics(3, Topics.EVENTS, Topics.EVENTS_DLQ, Topics.EVENTS_ENRICHED, Topics.ROLLUPS);
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        Random rnd = new Random(1);
        long base = Instant.now().minusSeconds(600).toEpochMilli();
        long t0 = System.nanoTime();
        try (KafkaProducer<String, AgentEvent> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new StringSerializer(), new AvroSerializer<>(registry))) {
            for (int i = 0; i < n; i++) {
                String agent = "agent-" + rnd.nextInt(1000);
                p.send(new ProducerRecord<>(Topics.EVENTS, agent, AgentEvent.newBuilder().setEventId("b" + i)
                        .setEventTime(Instant.ofEpochMilli(base + i * 540_000L / n)).setAgentId(agent)
                        .setModel("model-" + rnd.nextInt(10)).setOperation("chat").setStatus(Status.OK)
                        .setLatencyMs(Math.exp(5 + rnd.nextGaussian())).setInputTokens(500L).setOutputTokens(100L).build()));
            }
        }
        System.out.printf("produced %d in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Map<String, String> env = new java.util.HashMap<>(System.getenv()); // AGENTPULSE_PROCESSOR_* overrides
        env.putAll(Map.of("AGENTPULSE_KAFKA_BOOTSTRAP", infra.bootstrapServers(),
                "AGENTPULSE_PROCESSOR_APPLICATION_ID", "probe-" + System.nanoTime(),
                "AGENTPULSE_PROCESSOR_STATE_DIR", Files.createTempDirectory("probe").toString(),
                "AGENTPULSE_SINK_GROUP_ID", "probe-sink-" + System.nanoTime()));
        ProcessorConfig config = ProcessorConfig.fromEnv(env);
        long t1 = System.nanoTime();
        try (ProcessorService s = ProcessorService.start(config, registry, infra.freshDatabase("probe").dataSource(), meters)) {
            double last = 0;
            long firstAt = 0;
            while (last < n) {
                Thread.sleep(500);
                var c = meters.find("agentpulse.processor.events.accepted").counter();
                last = c == null ? 0 : c.count();
                if (firstAt == 0 && last > 0) {
                    firstAt = System.nanoTime();
                }
            }
            double secs = (System.nanoTime() - firstAt) / 1e9;
            System.out.printf("processed %d in %.1f s after the first record = %.0f events/s (startup %.1f s)%n",
                    n, secs, n / secs, (firstAt - t1) / 1e9);
        }
        infra.close();
    }
}
