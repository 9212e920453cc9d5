package io.agentpulse.processor.topology;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.WindowRollup;
import io.agentpulse.processor.config.ProcessorConfig;
import io.agentpulse.processor.pricing.PriceBook;
import io.agentpulse.processor.pricing.PriceCatalog;
import io.agentpulse.contract.Topics;
import io.agentpulse.contract.registry.SchemaRegistryClient;
import io.agentpulse.contract.serde.AvroDeserializer;
import io.agentpulse.contract.serde.TopicSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The processor's topology. Pure: builds the graph and nothing else (the price catalog is read on
 * the first task init, the registry is asked on the first record).
 *
 * <pre>
 * agentpulse.events (bytes) -> pulse-stage1 (decode, validate, dedup, too-old/future, price, 1m series window)
 *     -> agentpulse.events.dlq (raw bytes + reason headers)
 *     -> agentpulse.events.enriched (the input bytes, key = event_id)
 *     -> partials (internal, by series key, as many partitions as the input)
 *         -> pulse-stage2 (minutes summed across sources, merged into coarser windows on close) -> agentpulse.rollups
 * </pre>
 */
public final class PulseTopology {
    static final String DEDUP_STORE = "pulse-dedup";
    static final String WINDOW_STORE = "pulse-windows";
    static final String META_STORE = "pulse-meta";
    static final String MINUTE_STORE = "pulse-minutes";
    static final String COARSE_STORE = "pulse-coarse";
    static final String CLOSED_STORE = "pulse-closed";
    /** Header on enriched events: "event" (cost sent by the agent) or "catalog" (priced here). */
    public static final String COST_SOURCE_HEADER = "agentpulse.cost_source";
    /** Header on enriched events priced here: the cost in USD (a decimal); the bytes are the agent's. */
    public static final String COST_USD_HEADER = "agentpulse.cost_usd";
    /** Header on enriched events priced here: the id of the price version used (price_versions.id). */
    public static final String PRICE_VERSION_HEADER = "agentpulse.price_version";

    private PulseTopology() {}

    public static Topology build(ProcessorConfig config, SchemaRegistryClient registry) {
        return build(config, registry, new PulseMetrics(new SimpleMeterRegistry()));
    }

    public static Topology build(ProcessorConfig config, SchemaRegistryClient registry, PulseMetrics metrics) {
        return build(config, registry, metrics, (b, rollups) -> { });
    }

    /**
     * As above, with {@code extra} adding further nodes (the alert evaluation) to the same builder; it
     * gets stage 2's output stream besides the builder. Stage 2 is partitioned by series key, so every
     * window of one series passes through one task, in order: alert state can live beside it.
     */
    public static Topology build(ProcessorConfig config, SchemaRegistryClient registry, PulseMetrics metrics,
                                 java.util.function.BiConsumer<StreamsBuilder, KStream<String, WindowRollup>> extra) {
        return build(config, registry, metrics, memoize(() -> new PriceBook(
                PriceCatalog.load(config.priceCatalogPath()).versions("file"))), extra);
    }

    /**
     * As above, pricing from {@code prices}, read per event (ProcessorService passes the live book that
     * {@code pricing.PriceSync} refreshes from price_versions; nothing is read here, build stays pure).
     */
    public static Topology build(ProcessorConfig config, SchemaRegistryClient registry, PulseMetrics metrics,
                                 Supplier<PriceBook> catalog,
                                 java.util.function.BiConsumer<StreamsBuilder, KStream<String, WindowRollup>> extra) {
        StreamsBuilder b = new StreamsBuilder();
        addStores(b, config);
        KStream<Object, Object> routed = b.stream(Topics.EVENTS, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("events-source"))
                .process(() -> new PulseProcessor(config, catalog, metrics, new AvroDeserializer<>(registry, AgentEvent.class)),
                        Named.as("pulse-stage1"), DEDUP_STORE, WINDOW_STORE, META_STORE);
        routed.filter((k, v) -> v instanceof Routed.Dlq, Named.as("route-dlq"))
                .map((k, v) -> KeyValue.pair((byte[]) k, ((Routed.Dlq) v).raw()), Named.as("dlq-bytes"))
                .to(Topics.EVENTS_DLQ, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("dlq-sink"));
        routed.filter((k, v) -> v instanceof Routed.Enriched, Named.as("route-enriched"))
                .map((k, v) -> KeyValue.pair((String) k, ((Routed.Enriched) v).raw()), Named.as("enriched-bytes"))
                .to(Topics.EVENTS_ENRICHED, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("enriched-sink"));
        KStream<String, WindowRollup> merged = routed.filter((k, v) -> v instanceof Routed.Partial, Named.as("route-partials"))
                .map((k, v) -> KeyValue.pair((String) k, ((Routed.Partial) v).bytes()), Named.as("partial-bytes"))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName("partials"))
                .process(() -> new RollupProcessor(metrics, config),
                        Named.as("pulse-stage2"), MINUTE_STORE, COARSE_STORE, CLOSED_STORE);
        merged.to(Topics.ROLLUPS, Produced.with(Serdes.String(), TopicSerdes.rollups(registry)).withName("rollups-sink"));
        extra.accept(b, merged);
        return b.build();
    }

    private static void addStores(StreamsBuilder b, ProcessorConfig config) {
        stores(config).forEach(b::addStateStore);
    }

    /** The stores of both stages (CoreStages hands the same list to the offline cost probe). */
    static List<StoreBuilder<? extends StateStore>> stores(ProcessorConfig config) {
        List<StoreBuilder<? extends StateStore>> out = new ArrayList<>();
        // Dedup: large (every event_id of the horizon), so RocksDB with bounded memory; segments
        // expire by stream time, which is what drops ids older than the horizon.
        Duration retention = config.dedupHorizon().isZero() ? Duration.ofMinutes(1) : config.dedupHorizon();
        out.add(Stores.windowStoreBuilder(
                        config.dedupInMemory()
                                ? Stores.inMemoryWindowStore(DEDUP_STORE, retention, Duration.ofMillis(1), false)
                                : Stores.persistentWindowStore(DEDUP_STORE, retention, Duration.ofMillis(1), false),
                        Serdes.String(), Serdes.Long())
                .withCachingDisabled());
        // Open minutes are small (series x ~2 minutes): on the heap, changelogged by a commit hook.
        out.add(CommitHookStore.builder(WINDOW_STORE));
        out.add(CommitHookStore.builder(MINUTE_STORE));
        out.add(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(META_STORE), Serdes.String(), Serdes.Long()));
        // Coarse and closed windows are large (series x granularities, and two lateness bounds of closed
        // minutes) and touched only when a minute closes: RocksDB. No record cache: each key is written
        // about once per commit (a window closes once; a coarse window gets one closed child at a time),
        // so the cache coalesced nothing and its TreeMap of long, end-prefixed keys cost ~6% of the
        // stream thread (JFR, SteadyBench).
        for (String name : new String[] {COARSE_STORE, CLOSED_STORE}) {
            out.add(Stores.keyValueStoreBuilder(config.rollupStoreInMemory()
                            ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name),
                    Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled());
        }
        return out;
    }

    private static <T> Supplier<T> memoize(Supplier<T> s) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }
}
