package io.agentpulse.security;

import io.agentpulse.security.stores.SecurityStores;

/** The security stores' contract on the in-memory twins. */
class InMemorySecurityStoresTest extends SecurityStoresContract {
    private final TestClock clock = new TestClock(T0);
    private final SecurityStores stores = SecurityStores.inMemory(clock);

    @Override
    protected SecurityStores stores() {
        return stores;
    }

    @Override
    protected TestClock clock() {
        return clock;
    }
}
