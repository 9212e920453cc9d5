package io.agentpulse.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;

/** The registry each service serves at {@code /metrics}, with the filters the libraries' meters need. */
public final class OpsMetrics {
    static final String STORE_METRICS = "kafka.stream.state.";
    static final String STORE_KEY = "state.id";

    private OpsMetrics() {}

    /** A Prometheus registry; filters are set here because Micrometer applies them only to later meters. */
    public static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(storeTags());
        return registry;
    }

    /**
     * Kafka Streams tags a state-store metric with a key named after the store's type (rocksdb-state-id,
     * in-memory-state-id, rocksdb-window-state-id, ...), so kafka.stream.state.put.rate, say, comes with
     * different keys for different stores. Prometheus wants one key set per name, and Micrometer refused
     * every store type after the first: this renames those keys to one, state.id (the store's name
     * identifies it within an application). The number of tags stays the same on purpose: Micrometer's
     * KafkaMetrics skips a metric when a meter of that name with more tags is registered. Its removal of
     * a store that moves to another instance uses the unfiltered id, so such a series stays (reading
     * NaN) until restart: a stale series, not a lost one.
     */
    static MeterFilter storeTags() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith(STORE_METRICS)) {
                    return id;
                }
                List<Tag> tags = new ArrayList<>();
                boolean renamed = false;
                for (Tag t : id.getTagsAsIterable()) {
                    boolean storeId = t.getKey().endsWith("." + STORE_KEY);
                    renamed |= storeId;
                    tags.add(storeId ? Tag.of(STORE_KEY, t.getValue()) : t);
                }
                return renamed ? id.replaceTags(tags) : id;
            }
        };
    }
}
