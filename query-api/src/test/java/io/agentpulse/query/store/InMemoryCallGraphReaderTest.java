package io.agentpulse.query.store;

/** The call-graph reader contract in memory. */
class InMemoryCallGraphReaderTest extends CallGraphReaderContract {
    @Override
    protected CallGraphReader reader() {
        InMemoryCallGraphReader r = new InMemoryCallGraphReader();
        MINUTES.forEach(r::add);
        SPANS.forEach(r::add);
        AGENTS.forEach(a -> r.agent((String) a[0], (Long) a[1], (Long) a[2]));
        return r;
    }
}
