package io.agentpulse.processor.topology;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of every RocksDB store of the process (the dedup, coarse and closed stores that
 * {@link PulseTopology} declares): one LRU block cache shared by all stores and segments, with memtables
 * counted against it. Public because Kafka Streams instantiates it by reflection; the size comes from
 * {@link #CACHE_BYTES}, set with the setter by {@link #configure} (AGENTPULSE_PROCESSOR_ROCKSDB_CACHE_MB).
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {
    static final String CACHE_BYTES = "agentpulse.rocksdb.cache.bytes";

    /** Makes every RocksDB store of the streams configured by {@code streamsProps} share {@code cacheBytes}. */
    public static void configure(Properties streamsProps, long cacheBytes) {
        streamsProps.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
        streamsProps.put(CACHE_BYTES, Long.toString(cacheBytes));
    }
    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    private static synchronized void init(long bytes) {
        if (cache == null) {
            cache = new LRUCache(bytes, -1, false, 0.1);
            writeBuffers = new WriteBufferManager(bytes / 2, cache); // memtables charged to the same budget
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object v = configs.get(CACHE_BYTES);
        init(v == null ? 64L << 20 : Long.parseLong(v.toString()));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBuffers);
        options.setMaxWriteBufferNumber(2);
        options.setWriteBufferSize(8L << 20);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and write buffer manager are shared by all stores: never closed per store
    }
}
