package io.agentpulse.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.ops.OpsMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaMetricsBridge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka Streams names a store metric's id tag after the store type (in-memory-state-id, rocksdb-state-id),
 * and Prometheus wants one tag key set per name: without OpsMetrics' filter Micrometer keeps one store
 * type and refuses the other, with it every store is in /metrics.
 */
class StoreMetricsTest {
    /** A store's put rate, found by its store's name (%s) under its id tag (key %s). */
    private static final String PUT_RATE = "(?m)^kafka_stream_state_put_rate\\{[^}]*\\b%s=\"%s\"";

    @Test
    void everyStoreTypeReachesTheScrape(@TempDir Path dir) throws Exception {
        String scrape = withStores(OpsMetrics.registry(), dir);
        assertThat(scrape).containsPattern(PUT_RATE.formatted("state_id", "memory"))
                .containsPattern(PUT_RATE.formatted("state_id", "disk"));
    }

    @Test
    void withoutTheFilterOneStoreTypeIsRefused(@TempDir Path dir) throws Exception {
        String scrape = withStores(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), dir);
        boolean memory = Pattern.compile(PUT_RATE.formatted("in_memory_state_id", "memory")).matcher(scrape).find();
        boolean disk = Pattern.compile(PUT_RATE.formatted("rocksdb_state_id", "disk")).matcher(scrape).find();
        assertThat(memory ^ disk).as("exactly one store type kept").isTrue();
    }

    /**
     * Binds, as the processor does, the metrics of a topology with an in-memory and a RocksDB store, both
     * written once, and returns the scrape. DEBUG recording adds the per-store rates Grafana plots.
     */
    static String withStores(PrometheusMeterRegistry registry, Path stateDir) throws Exception {
        Topology t = new Topology();
        t.addSource("in", new StringDeserializer(), new StringDeserializer(), "in");
        t.addProcessor("put", PutBoth::new, "in");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("memory"), Serdes.String(), Serdes.String()), "put");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("disk"), Serdes.String(), Serdes.String()), "put");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "store-metrics");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "DEBUG");
        try (TopologyTestDriver driver = new TopologyTestDriver(t, p);
             AutoCloseable binder = KafkaMetricsBridge.bind(driver::metrics, registry)) {
            driver.createInputTopic("in", new StringSerializer(), new StringSerializer()).pipeInput("k", "v");
            return registry.scrape();
        }
    }

    private static final class PutBoth implements Processor<String, String, Void, Void> {
        private KeyValueStore<String, String> memory;
        private KeyValueStore<String, String> disk;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            memory = context.getStateStore("memory");
            disk = context.getStateStore("disk");
        }

        @Override
        public void process(Record<String, String> r) {
            memory.put(r.key(), r.value());
            disk.put(r.key(), r.value());
        }
    }
}
