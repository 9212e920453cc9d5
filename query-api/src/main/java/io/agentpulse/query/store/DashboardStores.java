package io.agentpulse.query.store;

/** The readers and stores of the dashboard endpoints besides the rollups. */
public record DashboardStores(EventReader events, LayoutStore layouts) {
    /** Empty in-memory stores (tests, or a query API whose tests inject only rollups). */
    public static DashboardStores inMemory() {
        return new DashboardStores(new InMemoryEventReader(), new InMemoryLayoutStore());
    }
}
