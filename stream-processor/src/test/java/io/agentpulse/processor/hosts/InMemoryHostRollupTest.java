package io.agentpulse.processor.hosts;

import java.time.Instant;

/** The host rollup contract on the in-memory store. */
class InMemoryHostRollupTest extends HostRollupContract {
    private final InMemoryHostRollupStore store = new InMemoryHostRollupStore();

    @Override
    HostRollupStore store() {
        return store;
    }

    @Override
    void heartbeat(String id, Instant eventTime, Instant ingestedAt, String agent, String host, Double cpu, Long mem) {
        store.add(new Heartbeat(id, eventTime.toEpochMilli(), ingestedAt.toEpochMilli(), agent, Heartbeat.hostOf(host, agent), cpu, mem));
    }

    @Override
    void rule(String id, String json) {
        store.putRule(id, json);
    }

    @Override
    void lockedElsewhere(boolean held) {
        store.lockedElsewhere(held);
    }
}
