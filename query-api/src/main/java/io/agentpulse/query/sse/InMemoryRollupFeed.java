package io.agentpulse.query.sse;

import io.agentpulse.avro.WindowRollup;
import java.util.function.Consumer;

/** A feed that delivers what publish() is given, on the caller's thread. For tests and demos. */
public final class InMemoryRollupFeed implements RollupFeed {
    private volatile Consumer<WindowRollup> sink = r -> { };

    @Override
    public void start(Consumer<WindowRollup> sink) {
        this.sink = sink;
    }

    void publish(WindowRollup rollup) {
        sink.accept(rollup);
    }

    @Override
    public void close() {
        sink = r -> { };
    }
}
