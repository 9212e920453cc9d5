package io.agentpulse.processor.topology;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.contract.Topics;
import io.agentpulse.contract.serde.AvroSerializer;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

/**
 * A rough throughput figure of the topology in TopologyTestDriver (not a test; run by hand):
 * java -cp target/test-classes:target/classes:$(cat cp.txt)  (cp.txt from mvn dependency:build-classpath -Dmdep.outputFile=cp.txt) io.agentpulse.processor.topology.ThroughputProbe [events]
 * Pessimistic: the driver commits (and flushes store caches) after every record.
 */
public final class ThroughputProbe {
    private ThroughputProbe() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        String dedup = args.length > 1 ? args[1] : "memory";
        try (Harness h = new Harness(Map.of("AGENTPULSE_PROCESSOR_DEDUP_STORE", dedup))) {
            AvroSerializer<AgentEvent> ser = new AvroSerializer<>(h.registry);
            Random rnd = new Random(1);
            byte[][] values = new byte[n][];
            for (int i = 0; i < n; i++) {
                AgentEvent e = Harness.event("t" + i, (i / 1000) * 1L).setAgentId("agent-" + rnd.nextInt(1000))
                        .setModel("model-" + rnd.nextInt(10)).setCostUsd(null).setLatencyMs(Math.exp(5 + rnd.nextGaussian())).build();
                values[i] = ser.serialize(Topics.EVENTS, e);
            }
            run(h, values, Math.min(n, 20_000)); // warm-up
            long t0 = System.nanoTime();
            run(h, values, n);
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%d events in %.2f s = %.0f events/s (dedup store %s)%n", n, secs, n / secs, dedup);
        }
    }

    private static void run(Harness h, byte[][] values, int n) {
        for (int i = 0; i < n; i++) {
            h.events.pipeInput(null, values[i]);
            if (i % 10_000 == 0) {
                h.tick(Duration.ofMillis(100));
                h.rollups.readRecordsToList();
                h.enriched.readRecordsToList();
            }
        }
    }
}
