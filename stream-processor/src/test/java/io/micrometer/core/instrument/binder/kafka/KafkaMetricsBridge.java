package io.micrometer.core.instrument.binder.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Micrometer's own Kafka binder (the code behind KafkaStreamsMetrics) over any metrics map, such as a
 * TopologyTestDriver's: its constructor taking a map is package-private, hence this class's package.
 * Tests thereby run the real binding rules on real Kafka Streams metrics without a broker.
 */
public final class KafkaMetricsBridge {
    private KafkaMetricsBridge() {}

    /** Binds the metrics to {@code registry} as KafkaStreamsMetrics would; close to stop its refresh thread. */
    public static AutoCloseable bind(Supplier<Map<MetricName, ? extends Metric>> metrics, MeterRegistry registry) {
        KafkaMetrics binder = new KafkaMetrics(metrics);
        binder.bindTo(registry);
        return binder;
    }
}
