package io.agentpulse.processor.budget;

import io.agentpulse.embedded.EmbeddedInfra;
import io.agentpulse.contract.Granularity;
import io.agentpulse.contract.db.Migrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The budget contract on a real PostgreSQL (embedded, plain partitioning), schema from the migrations:
 * rollup rows of April 1..19 in rollup_1d (and the 19th in rollup_1h too), a spend_month rule created on
 * the 20th fires critical at the job's first run, a second run or a restarted job does not fire again
 * (the state is in budget_alert_state), raising the budget resolves it.
 */
class ITPgBudget extends BudgetContract {
    private DataSource ds;
    private PgBudgetStore store;
    private Connection lockHolder;

    @BeforeEach
    void freshDatabase() {
        ds = EmbeddedInfra.shared().freshDatabase("budgets").dataSource();
        Migrations.migrate(ds);
        store = new PgBudgetStore(ds);
    }

    @AfterEach
    void release() throws SQLException {
        if (lockHolder != null) {
            lockHolder.close();
        }
    }

    @Override
    BudgetStore store() {
        return store;
    }

    @Override
    void rollup(Granularity g, String grp, String agent, long windowStart, double cost, long calls, long tokens) {
        exec("INSERT INTO rollup_" + g.label() + " (grp, agent_id, model, operation, window_start, window_end, is_final, count,"
                + " errors, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, cost_usd, latency_sketch, updated_at)"
                + " VALUES (?, ?, '*', '*', ?, ?, true, ?, 0, ?, ?, 0, 0, ?, ''::bytea, now())",
                grp, agent, new Timestamp(windowStart), new Timestamp(windowStart + g.millis()), calls, tokens / 2, tokens - tokens / 2, cost);
    }

    @Override
    void rule(String id, String json) {
        if (json == null) {
            exec("DELETE FROM alert_rules WHERE id = ?", id);
        } else {
            exec("INSERT INTO alert_rules (id, body) VALUES (?, ?::jsonb) ON CONFLICT (id) DO UPDATE SET body = excluded.body", id, json);
        }
    }

    @Override
    void lockedElsewhere(boolean held) {
        try {
            if (held) {
                lockHolder = ds.getConnection();
                try (PreparedStatement ps = lockHolder.prepareStatement("SELECT pg_advisory_lock(?)")) {
                    ps.setLong(1, PgBudgetStore.LOCK);
                    ps.execute();
                }
            } else if (lockHolder != null) {
                lockHolder.close();
                lockHolder = null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void exec(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
