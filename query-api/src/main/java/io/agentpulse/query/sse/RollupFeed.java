package io.agentpulse.query.sse;

import io.agentpulse.avro.WindowRollup;
import java.util.function.Consumer;

/**
 * A source of live rollup snapshots. start() may call the sink from any thread, in order per
 * rollup key. Implementations: {@link KafkaRollupFeed} and {@link InMemoryRollupFeed}.
 */
public interface RollupFeed extends AutoCloseable {
    void start(Consumer<WindowRollup> sink);

    /** True once the feed delivers (Kafka: partitions assigned and positioned). */
    default boolean ready() {
        return true;
    }

    @Override
    void close();
}
