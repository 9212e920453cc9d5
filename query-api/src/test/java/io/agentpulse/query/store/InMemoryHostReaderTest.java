package io.agentpulse.query.store;

/** The host reader contract in memory. */
class InMemoryHostReaderTest extends HostReaderContract {
    private final InMemoryHostReader reader = new InMemoryHostReader();

    InMemoryHostReaderTest() {
        ROWS.forEach(e -> reader.add(e.getKey(), e.getValue()));
    }

    @Override
    protected HostReader reader() {
        return reader;
    }
}
