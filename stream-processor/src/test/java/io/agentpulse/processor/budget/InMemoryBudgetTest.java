package io.agentpulse.processor.budget;

import io.agentpulse.contract.Granularity;
import io.agentpulse.processor.alert.Budgets.Sums;

/** The budget contract on the in-memory store. */
class InMemoryBudgetTest extends BudgetContract {
    private final InMemoryBudgetStore store = new InMemoryBudgetStore();

    @Override
    BudgetStore store() {
        return store;
    }

    @Override
    void rollup(Granularity g, String grp, String agent, long windowStart, double cost, long calls, long tokens) {
        store.add(new InMemoryBudgetStore.Row(g, grp, agent, "*", "*", windowStart, new Sums(cost, calls, tokens)));
    }

    @Override
    void rule(String id, String json) {
        store.putRule(id, json);
    }

    @Override
    void lockedElsewhere(boolean held) {
        store.lockedElsewhere(held);
    }
}
