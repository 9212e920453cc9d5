package io.agentpulse.processor.retention;

import java.time.Instant;

class InMemoryRetentionTest extends RetentionContract {
    private final InMemoryPartitionStore store = new InMemoryPartitionStore();

    @Override
    PartitionStore store() {
        return store;
    }

    @Override
    void ensurePartitions(Instant from, Instant to) {
        store.ensurePartitions(from, to);
    }

    @Override
    void row(String table, Instant time) {
        store.addRow(table, time);
    }

    @Override
    long rows(String table, Instant from, Instant to) {
        return store.rows(table, from, to);
    }
}
