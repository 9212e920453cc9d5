package io.agentpulse.processor.alert.notify;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.avro.AlertState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Writes alert transitions to PostgreSQL: firing and resolved into alert_history (upsert on the
 * dedup key (fingerprint, starts_at); a resolved row never goes back to firing on a replay),
 * pending into alert_pending (removed when it fires or is cancelled). Idempotent.
 */
public final class HistoryWriter implements AlertLoop.Handler {
    private final DataSource ds;

    public HistoryWriter(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public void handle(AlertEvent e) throws SQLException {
        try (Connection c = ds.getConnection()) {
            if (e.getState() == AlertState.PENDING) {
                pending(c, e);
            } else if (e.getState() == AlertState.FIRING || e.getState() == AlertState.RESOLVED) {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM alert_pending WHERE fingerprint = ?")) {
                    del.setString(1, e.getFingerprint());
                    del.executeUpdate();
                }
                history(c, e);
            }
        }
    }

    private static void pending(Connection c, AlertEvent e) throws SQLException {
        if (e.getEndsAt() != null) {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM alert_pending WHERE fingerprint = ? AND since = ?")) {
                del.setString(1, e.getFingerprint());
                del.setTimestamp(2, ts(e.getStartsAt()));
                del.executeUpdate();
            }
            return;
        }
        try (PreparedStatement up = c.prepareStatement("""
                INSERT INTO alert_pending(fingerprint, since, rule_id, rule_name, severity, labels, value, threshold, summary, updated_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
                ON CONFLICT (fingerprint) DO UPDATE SET since = EXCLUDED.since, severity = EXCLUDED.severity,
                    value = EXCLUDED.value, threshold = EXCLUDED.threshold, summary = EXCLUDED.summary, updated_at = EXCLUDED.updated_at""")) {
            bind(up, e, e.getStartsAt());
            up.executeUpdate();
        }
    }

    private static void history(Connection c, AlertEvent e) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("""
                INSERT INTO alert_history(fingerprint, starts_at, rule_id, rule_name, severity, labels, value, threshold, summary,
                                          updated_at, state, ends_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (fingerprint, starts_at) DO UPDATE SET state = EXCLUDED.state, severity = EXCLUDED.severity,
                    value = EXCLUDED.value, threshold = EXCLUDED.threshold, summary = EXCLUDED.summary,
                    ends_at = EXCLUDED.ends_at, updated_at = EXCLUDED.updated_at
                WHERE alert_history.state <> 'RESOLVED' OR EXCLUDED.state = 'RESOLVED'""")) {
            bind(up, e, e.getStartsAt());
            up.setString(11, e.getState().name());
            up.setTimestamp(12, e.getEndsAt() == null ? null : ts(e.getEndsAt()));
            up.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, AlertEvent e, Instant start) throws SQLException {
        ps.setString(1, e.getFingerprint());
        ps.setTimestamp(2, ts(start));
        ps.setString(3, e.getRuleId());
        ps.setString(4, e.getRuleName());
        ps.setString(5, e.getSeverity().name());
        ps.setString(6, Webhooks.labelsJson(e));
        ps.setObject(7, e.getValue());
        ps.setObject(8, e.getThreshold());
        ps.setString(9, e.getSummary());
        ps.setTimestamp(10, ts(e.getEmittedAt()));
    }

    static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }
}
