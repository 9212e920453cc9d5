package io.agentpulse.processor.budget;

import io.agentpulse.contract.Granularity;
import io.agentpulse.processor.alert.BudgetRules;
import io.agentpulse.processor.alert.Budgets.Sums;
import io.agentpulse.processor.alert.JobAlertSql;
import io.agentpulse.processor.store.LockedTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The budget job's store on PostgreSQL or TimescaleDB: sums from rollup_1m .. rollup_4w (one
 * GROUP BY over the (grp, window_start) index range per part), rules from alert_rules, instance
 * states in budget_alert_state (V51). A run is one transaction under pg_try_advisory_xact_lock.
 */
final class PgBudgetStore implements BudgetStore {
    /** Arbitrary, fixed: the advisory lock of the budget job ("APBUDGET"). */
    static final long LOCK = 0x4150_4255_4447_4554L;
    /** Rules and instance states (budget_alert_state: rule_id, series). */
    private static final JobAlertSql SQL = new JobAlertSql("budget_alert_state", "series", "budget", IllegalStateException::new);

    private final DataSource dataSource;

    PgBudgetStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean run(Consumer<Tx> work) {
        try {
            return LockedTransaction.run(dataSource, LOCK, c -> work.accept(new PgTx(c)));
        } catch (SQLException e) {
            throw new IllegalStateException("Budget run failed: " + e.getMessage(), e);
        }
    }

    private record PgTx(Connection c) implements Tx {
        @Override
        public Map<String, Sums> sums(Granularity g, String grp, boolean prefix, long fromMs, long toMs) {
            // LIKE with the prefix's own % and _ escaped (a slice value may hold them)
            String match = prefix ? "grp LIKE ? ESCAPE '\\'" : "grp = ?";
            String sql = "SELECT grp, agent_id, model, operation, sum(cost_usd), sum(count), sum(input_tokens + output_tokens)"
                    + " FROM rollup_" + g.label() + " WHERE " + match + " AND window_start >= ? AND window_start < ?"
                    + " GROUP BY grp, agent_id, model, operation";
            Map<String, Sums> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, prefix ? grp.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" : grp);
                ps.setTimestamp(2, new Timestamp(fromMs));
                ps.setTimestamp(3, new Timestamp(toMs));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(BudgetRules.seriesKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                                new Sums(rs.getDouble(5), rs.getLong(6), rs.getLong(7)));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Reading rollup_" + g.label() + " for budgets failed: " + e.getMessage(), e);
            }
            return out;
        }

        @Override
        public List<String> ruleJsons() {
            return SQL.ruleJsons(c);
        }

        @Override
        public Map<StateKey, byte[]> alertStates() {
            return SQL.states(c, StateKey::new);
        }

        @Override
        public void putAlertState(StateKey key, byte[] state) {
            SQL.put(c, key.ruleId(), key.series(), state);
        }
    }
}
