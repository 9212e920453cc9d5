package io.agentpulse.processor.budget;

import io.agentpulse.contract.Granularity;
import io.agentpulse.processor.alert.BudgetRules;
import io.agentpulse.processor.alert.Budgets.Sums;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The budget store in memory: rollup rows as the tables hold them, rules, states. A run works on copies
 * of the rules and states and keeps them only when the work returns (a throw rolls back, as PostgreSQL).
 */
final class InMemoryBudgetStore implements BudgetStore {
    /** One rollup row's sums (the columns the job reads). */
    record Row(Granularity granularity, String grp, String agent, String model, String operation, long windowStart, Sums sums) {}

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, String> rules = new TreeMap<>();
    private Map<StateKey, byte[]> states = new HashMap<>();
    private boolean lockedElsewhere;

    synchronized void add(Row row) {
        rows.removeIf(r -> r.granularity() == row.granularity() && r.grp().equals(row.grp()) && r.agent().equals(row.agent())
                && r.model().equals(row.model()) && r.operation().equals(row.operation()) && r.windowStart() == row.windowStart());
        rows.add(row);
    }

    synchronized void putRule(String id, String json) {
        if (json == null) {
            rules.remove(id);
        } else {
            rules.put(id, json);
        }
    }

    synchronized void lockedElsewhere(boolean held) {
        lockedElsewhere = held;
    }

    @Override
    public synchronized boolean run(Consumer<Tx> work) {
        if (lockedElsewhere) {
            return false;
        }
        Map<StateKey, byte[]> copy = new HashMap<>(states);
        work.accept(new MemTx(copy));
        states = copy;
        return true;
    }

    private final class MemTx implements Tx {
        private final Map<StateKey, byte[]> states;

        MemTx(Map<StateKey, byte[]> states) {
            this.states = states;
        }

        @Override
        public Map<String, Sums> sums(Granularity g, String grp, boolean prefix, long fromMs, long toMs) {
            Map<String, Sums> out = new HashMap<>();
            for (Row r : rows) {
                boolean grpMatches = prefix ? r.grp().startsWith(grp) : r.grp().equals(grp);
                if (r.granularity() == g && grpMatches && r.windowStart() >= fromMs && r.windowStart() < toMs) {
                    out.merge(BudgetRules.seriesKey(r.grp(), r.agent(), r.model(), r.operation()), r.sums(), Sums::plus);
                }
            }
            return out;
        }

        @Override
        public List<String> ruleJsons() {
            return List.copyOf(rules.values());
        }

        @Override
        public Map<StateKey, byte[]> alertStates() {
            return new HashMap<>(states);
        }

        @Override
        public void putAlertState(StateKey key, byte[] state) {
            if (state == null) {
                states.remove(key);
            } else {
                states.put(key, state);
            }
        }
    }
}
