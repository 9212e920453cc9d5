package io.agentpulse.processor.topology;

import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A changelogged in-memory key-value store that runs a hook right before every commit of its task.
 * The window processor keeps live aggregates on the heap and writes only the ones changed since the
 * last commit from this hook: one encode per changed window per commit instead of one per event.
 *
 * <p>Why this is exactly-once: Kafka Streams calls {@code flushCache()} on every CachedStateStore of
 * a task in {@code prepareCommit}, before the transaction with the input offsets is committed, on
 * every commit path (interval, request, rebalance, close). So a committed offset always implies the
 * aggregates that include its record are in the changelog of the same transaction. This relies on
 * the internal CachedStateStore contract (the one Kafka's own record cache uses).
 */
final class CommitHookStore implements StateStore, CachedStateStore<Object, Object> {
    private final KeyValueStore<Bytes, byte[]> inner;
    private final RestoreOnlyStore local;
    private InternalProcessorContext<?, ?> context;
    private Runnable beforeCommit = () -> { };

    private CommitHookStore(KeyValueStore<Bytes, byte[]> inner, RestoreOnlyStore local) {
        this.inner = inner;
        this.local = local;
    }

    /** The store as the processor reads it at init (restored entries) and writes it (changelogged). */
    KeyValueStore<Bytes, byte[]> kv() {
        return inner;
    }

    /** The processor has its state on the heap: the restored copy goes (see RestoreOnlyStore). */
    void release() {
        local.release();
    }

    void beforeCommit(Runnable hook) {
        this.beforeCommit = hook;
    }

    @Override
    public void flushCache() {
        ProcessorRecordContext previous = context == null ? null : context.recordContext();
        if (context != null) { // changelog writes need a record context; outside processing there is none
            context.setRecordContext(new ProcessorRecordContext(context.currentSystemTimeMs(), -1L, -1, null, new RecordHeaders()));
        }
        try {
            beforeCommit.run();
        } finally {
            if (context != null) {
                context.setRecordContext(previous);
            }
        }
    }

    @Override
    public void clearCache() {
        // nothing buffered here: the processor's heap state is rebuilt from the store on re-init
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext ctx, StateStore root) {
        this.context = ctx instanceof InternalProcessorContext<?, ?> ipc ? ipc : null;
        inner.init(ctx, root);
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public org.apache.kafka.streams.query.Position getPosition() {
        return inner.getPosition();
    }

    /**
     * Builds the store: changelogged, no record cache (the heap state is the cache), no local copy
     * after the processor loaded it (RestoreOnlyStore).
     */
    static StoreBuilder<CommitHookStore> builder(String name) {
        RestoreOnlyStore[] made = new RestoreOnlyStore[1]; // the innermost store of the build in progress
        StoreBuilder<KeyValueStore<Bytes, byte[]>> b = Stores.keyValueStoreBuilder(
                RestoreOnlyStore.supplier(name, s -> made[0] = s), Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled();
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<CommitHookStore> withCachingEnabled() {
                return this;
            }

            @Override
            public StoreBuilder<CommitHookStore> withCachingDisabled() {
                return this;
            }

            @Override
            public StoreBuilder<CommitHookStore> withLoggingEnabled(Map<String, String> config) {
                b.withLoggingEnabled(config);
                return this;
            }

            @Override
            public StoreBuilder<CommitHookStore> withLoggingDisabled() {
                b.withLoggingDisabled();
                return this;
            }

            @Override
            public synchronized CommitHookStore build() { // stream threads build their tasks' stores concurrently
                KeyValueStore<Bytes, byte[]> built = b.build();
                return new CommitHookStore(built, made[0]);
            }

            @Override
            public Map<String, String> logConfig() {
                return b.logConfig();
            }

            @Override
            public boolean loggingEnabled() {
                return b.loggingEnabled();
            }

            @Override
            public String name() {
                return b.name();
            }
        };
    }
}
