package io.agentpulse.query.store;

/** The reader contract against the in-memory reader. */
class InMemoryRollupReaderTest extends RollupReaderContract {
    private static final InMemoryRollupReader READER = loadedInMemory();

    @Override
    protected RollupReader reader() {
        return READER;
    }
}
