package io.agentpulse.processor.calls;

/** The call-graph contract on the in-memory store. */
class InMemoryAgentCallTest extends AgentCallContract {
    private final InMemoryAgentCallStore store = new InMemoryAgentCallStore();

    @Override
    AgentCallStore store() {
        return store;
    }

    @Override
    void span(Span s) {
        store.add(s);
    }

    @Override
    void lockedElsewhere(boolean held) {
        store.lockedElsewhere(held);
    }
}
