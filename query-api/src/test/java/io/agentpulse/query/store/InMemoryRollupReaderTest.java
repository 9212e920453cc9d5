package io.agentpulse.query.store;

/** The reader contract against the in-memory reader. */
class InMemoryRollupReaderTest extends RollupReaderContract {
    private static final InMemoryRollupReader READER = load();

    private static InMemoryRollupReader load() {
        InMemoryRollupReader r = new InMemoryRollupReader();
        FLEET.allRows().forEach(r::put);
        SCORES_ONLY.forEach(r::put);
        SLICES.forEach(r::put);
        return r;
    }

    @Override
    protected RollupReader reader() {
        return READER;
    }
}
