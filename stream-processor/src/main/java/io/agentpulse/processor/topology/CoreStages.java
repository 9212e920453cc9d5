package io.agentpulse.processor.topology;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.WindowRollup;
import io.agentpulse.contract.registry.SchemaRegistryClient;
import io.agentpulse.contract.serde.AvroDeserializer;
import io.agentpulse.processor.config.ProcessorConfig;
import io.agentpulse.processor.pricing.PriceBook;
import io.agentpulse.processor.pricing.PriceCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The two stages of {@link PulseTopology} as plain processors with their stores, for driving them
 * without a broker or a Kafka Streams runtime: the offline cost probe (bench {@code CoreCostProbe})
 * measures their CPU per event with no broker, producer or commit protocol in the figures. The
 * topology builds its nodes from the same factories, so the probe measures what runs.
 */
public final class CoreStages {
    private CoreStages() {}

    /** Stage 1 (decode .. 1-minute series window, emit of deltas); its stores: {@link #stores}. */
    public static Processor<byte[], byte[], Object, Object> stage1(ProcessorConfig config, SchemaRegistryClient registry) {
        PriceBook prices = new PriceBook(PriceCatalog.load(config.priceCatalogPath()).versions("file"));
        return new PulseProcessor(config, () -> prices, new PulseMetrics(new SimpleMeterRegistry()),
                new AvroDeserializer<>(registry, AgentEvent.class));
    }

    /** Stage 2 (minutes summed across sources, carried into coarser windows on close). */
    public static Processor<String, byte[], String, WindowRollup> stage2(ProcessorConfig config) {
        return new RollupProcessor(new PulseMetrics(new SimpleMeterRegistry()), config);
    }

    /** Every store of both stages, as the topology declares them (logging on: disable it outside a runtime). */
    public static List<StoreBuilder<? extends StateStore>> stores(ProcessorConfig config) {
        return PulseTopology.stores(config);
    }

    /** The bytes stage 1 sends to stage 2 when {@code forwarded} is a delta (a forwarded record's value), else null. */
    public static byte[] partial(Object forwarded) {
        return forwarded instanceof Routed.Partial p ? p.bytes() : null;
    }

    /** Runs a commit-hook store's pre-commit write (what Kafka Streams does before each commit); others: nothing. */
    public static void beforeCommit(StateStore store) {
        if (store instanceof CommitHookStore s) {
            s.flushCache();
        }
    }
}
