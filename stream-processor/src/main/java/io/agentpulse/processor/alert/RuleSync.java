package io.agentpulse.processor.alert;

import io.agentpulse.contract.rule.AlertRule;

import io.agentpulse.contract.Topics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * At processor start: loads the default rule pack into PostgreSQL once (marker row in
 * alert_rule_pack), then republishes every stored rule to the compacted agentpulse.alert-rules
 * topic. PostgreSQL is the source of truth; republishing is idempotent and repairs a publish that
 * the query API lost after its database write.
 */
public final class RuleSync {
    private RuleSync() {}

    /** Returns the rules now in PostgreSQL (id -> JSON), after publishing each of them. */
    public static Map<String, String> run(DataSource ds, Producer<String, String> producer) {
        Map<String, String> rules;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            loadPackOnce(c);
            rules = readAll(c);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("The alert rules could not be read from PostgreSQL: " + e.getMessage(), e);
        }
        try {
            for (Map.Entry<String, String> r : rules.entrySet()) {
                producer.send(new ProducerRecord<>(Topics.ALERT_RULES, r.getKey(), r.getValue())).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing alert rules.", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The alert rules could not be published to " + Topics.ALERT_RULES + ": " + e.getCause(), e);
        }
        return rules;
    }

    private static void loadPackOnce(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE alert_rule_pack IN EXCLUSIVE MODE");
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM alert_rule_pack")) {
                if (rs.next()) {
                    return;
                }
            }
        }
        DefaultRules.Pack pack = DefaultRules.load();
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO alert_rules(id, body, updated_by) VALUES (?, ?::jsonb, 'default-pack') ON CONFLICT (id) DO NOTHING")) {
            for (AlertRule r : pack.rules()) {
                ins.setString(1, r.id());
                ins.setString(2, r.toJson());
                ins.addBatch();
            }
            ins.executeBatch();
        }
        try (PreparedStatement mark = c.prepareStatement("INSERT INTO alert_rule_pack(version) VALUES (?)")) {
            mark.setString(1, pack.version());
            mark.executeUpdate();
        }
    }

    private static Map<String, String> readAll(Connection c) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, body::text FROM alert_rules ORDER BY id")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }
}
