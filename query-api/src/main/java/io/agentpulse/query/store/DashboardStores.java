package io.agentpulse.query.store;

/** The readers and stores of the dashboard endpoints besides the rollups. */
public record DashboardStores(EventReader events, LayoutStore layouts, HostReader hosts, CallGraphReader calls) {
    /** Without host rollups (tests that do not read hosts): an empty in-memory host reader. */
    public DashboardStores(EventReader events, LayoutStore layouts) {
        this(events, layouts, new InMemoryHostReader());
    }

    /** Without a call graph (tests that do not read it): an empty in-memory one. */
    public DashboardStores(EventReader events, LayoutStore layouts, HostReader hosts) {
        this(events, layouts, hosts, new InMemoryCallGraphReader());
    }

    /** Empty in-memory stores (tests, or a query API whose tests inject only rollups). */
    public static DashboardStores inMemory() {
        return new DashboardStores(new InMemoryEventReader(), new InMemoryLayoutStore(), new InMemoryHostReader());
    }
}
