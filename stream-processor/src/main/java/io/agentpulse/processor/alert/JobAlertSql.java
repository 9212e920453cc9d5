package io.agentpulse.processor.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * What the periodic alert jobs (host rules, budget rules) read and write on their run's connection:
 * the stored rules (alert_rules) and their instances' states in a table of (rule_id, series column,
 * state, updated_at), e.g. host_alert_state (rule_id, host). A failure is thrown as the job's own
 * exception (its run is rolled back and retried).
 */
public final class JobAlertSql {
    private final String table;
    private final String seriesColumn;
    private final String what;
    private final BiFunction<String, SQLException, RuntimeException> failure;

    /**
     * @param what    the states in a sentence ("host", "budget": "Reading the host alert states failed")
     * @param failure the job's exception, from a message and the cause
     */
    public JobAlertSql(String table, String seriesColumn, String what, BiFunction<String, SQLException, RuntimeException> failure) {
        this.table = table;
        this.seriesColumn = seriesColumn;
        this.what = what;
        this.failure = failure;
    }

    /** The rule bodies as JSON text, by id. */
    public List<String> ruleJsons(Connection c) {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT body::text FROM alert_rules ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw failure.apply("Reading the alert rules failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** Every stored state, by the key {@code key} makes of (rule id, series). */
    public <K> Map<K, byte[]> states(Connection c, BiFunction<String, String, K> key) {
        Map<K, byte[]> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT rule_id, " + seriesColumn + ", state FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(key.apply(rs.getString(1), rs.getString(2)), rs.getBytes(3));
            }
        } catch (SQLException e) {
            throw failure.apply("Reading the " + what + " alert states failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** Stores the state of (rule, series); null deletes it. */
    public void put(Connection c, String ruleId, String series, byte[] state) {
        String sql = state == null ? "DELETE FROM " + table + " WHERE rule_id = ? AND " + seriesColumn + " = ?"
                : "INSERT INTO " + table + " (rule_id, " + seriesColumn + ", state) VALUES (?, ?, ?) ON CONFLICT (rule_id, "
                + seriesColumn + ") DO UPDATE SET state = excluded.state, updated_at = now()";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, ruleId);
            ps.setString(2, series);
            if (state != null) {
                ps.setBytes(3, state);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure.apply("Storing a " + what + " alert state failed: " + e.getMessage(), e);
        }
    }
}
