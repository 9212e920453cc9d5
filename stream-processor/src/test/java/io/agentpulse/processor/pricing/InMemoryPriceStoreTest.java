package io.agentpulse.processor.pricing;

class InMemoryPriceStoreTest extends PriceStoreContract {
    private final InMemoryPriceStore store = new InMemoryPriceStore();

    @Override
    PriceStore store() {
        return store;
    }
}
