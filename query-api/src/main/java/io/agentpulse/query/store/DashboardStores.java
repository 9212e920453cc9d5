package io.agentpulse.query.store;

/** The readers and stores of the dashboard endpoints besides the rollups. */
public record DashboardStores(EventReader events, LayoutStore layouts, HostReader hosts) {
    /** Without host rollups (tests that do not read hosts): an empty in-memory host reader. */
    public DashboardStores(EventReader events, LayoutStore layouts) {
        this(events, layouts, new InMemoryHostReader());
    }

    /** Empty in-memory stores (tests, or a query API whose tests inject only rollups). */
    public static DashboardStores inMemory() {
        return new DashboardStores(new InMemoryEventReader(), new InMemoryLayoutStore(), new InMemoryHostReader());
    }
}
