package io.agentpulse.processor.alert;

import io.agentpulse.avro.WindowRollup;
import io.agentpulse.contract.RollupKey;
import io.agentpulse.contract.Topics;
import io.agentpulse.contract.registry.SchemaRegistryClient;
import io.agentpulse.contract.serde.TopicSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The alert sub-topology, added to the processor's builder (pure: nodes and stores only).
 *
 * <pre>
 * agentpulse.alert-rules (compacted, JSON) -> GlobalKTable alert-rules
 * pulse-stage2 output (live rollups, 1m) -> key by series -> alert-eval [alert-state] -> agentpulse.alerts
 * </pre>
 *
 * Chained on stage 2's output in the same task, without a topic hop: stage 2 runs as one task (its
 * input topic has one partition), so every window of every series passes through it, in order. If
 * stage 2 ever scales out by rollup key, a repartition by series key belongs before alert-eval.
 */
public final class AlertTopology {
    static final String RULES_STORE = "alert-rules";
    static final String ALERT_STORE = "alert-state";

    private AlertTopology() {}

    public static void add(StreamsBuilder b, KStream<String, WindowRollup> rollups, AlertConfig config,
                           SchemaRegistryClient registry, MeterRegistry meters) {
        if (!config.enabled()) {
            return;
        }
        b.globalTable(Topics.ALERT_RULES, Consumed.with(Serdes.String(), Serdes.String()).withName("alert-rules-source"),
                Materialized.<String, String>as(Stores.inMemoryKeyValueStore(RULES_STORE))
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
        // small (series x recent windows): in memory, restored from its changelog on restart
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ALERT_STORE), Serdes.String(), Serdes.ByteArray()));
        rollups.filter((k, v) -> v != null && "1m".equals(v.getGranularity()), Named.as("alert-1m"))
                .selectKey((k, v) -> seriesKey(v), Named.as("alert-by-series"))
                .process(() -> new AlertProcessor(config, meters), Named.as("alert-eval"), ALERT_STORE)
                .to(Topics.ALERTS, Produced.with(Serdes.String(), TopicSerdes.alerts(registry)).withName("alerts-sink"));
    }

    static String seriesKey(WindowRollup r) {
        return RollupKey.series(r.getGrp(), r.getAgentId(), r.getModel(), r.getOperation());
    }

}
