package io.agentpulse.query.store;

/** The dashboard stores' contract against the in-memory implementations. */
class InMemoryDashboardStoresTest extends DashboardStoresContract {
    private static final InMemoryEventReader EVENTS_READER = new InMemoryEventReader();
    private static final InMemoryLayoutStore LAYOUTS = new InMemoryLayoutStore();

    static {
        EVENTS.forEach(EVENTS_READER::add);
    }

    @Override
    protected EventReader events() {
        return EVENTS_READER;
    }

    @Override
    protected LayoutStore layouts() {
        return LAYOUTS;
    }
}
