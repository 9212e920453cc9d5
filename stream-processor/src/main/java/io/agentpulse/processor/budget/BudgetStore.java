package io.agentpulse.processor.budget;

import io.agentpulse.contract.Granularity;
import io.agentpulse.processor.alert.Budgets.Sums;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where the budget job reads the rollup sums and the rules and keeps the alert state of budget
 * instances. Every run is one {@link Tx}: the states it changes commit together with the events it
 * published (or not at all), and only one processor instance runs one at a time (PostgreSQL: a
 * transaction-scoped advisory lock). Real: {@link PgBudgetStore}; in memory: {@link InMemoryBudgetStore};
 * one contract test for both.
 */
interface BudgetStore {

    /** Runs {@code work} in one transaction; false (nothing done) when another instance holds the job's lock. */
    boolean run(Consumer<Tx> work);

    /** One (rule, series) alert instance; series = grp|agent|model|operation as the topology keys it. */
    record StateKey(String ruleId, String series) {}

    interface Tx {
        /**
         * Cost, calls and tokens per series key over the rows of {@code g}'s table with window start in
         * [fromMs, toMs) and grp equal to {@code grp}, or, with {@code prefix}, starting with it (a
         * rule's slices); series without a row are absent.
         */
        Map<String, Sums> sums(Granularity g, String grp, boolean prefix, long fromMs, long toMs);

        /** The JSON of every stored alert rule (the job keeps the budget ones). */
        List<String> ruleJsons();

        /** The stored state of every budget alert instance. */
        Map<StateKey, byte[]> alertStates();

        /** Stores (or, with null, forgets) one instance's state. */
        void putAlertState(StateKey key, byte[] state);
    }
}
