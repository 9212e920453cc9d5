package io.agentpulse.processor.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentpulse.avro.AlertEvent;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * PostgreSQL: alert_silences, alert_rules.body->channels with notification_channels, and
 * notification_log. The channel "default" falls back to AGENTPULSE_NOTIFIER_WEBHOOK_URL when no
 * row names it.
 */
public final class JdbcNotifyRepo implements NotifyRepo {
    private final DataSource ds;
    private final Optional<URI> defaultUrl;

    public JdbcNotifyRepo(DataSource ds, Optional<URI> defaultUrl) {
        this.ds = ds;
        this.defaultUrl = defaultUrl;
    }

    @Override
    public List<Silence> activeSilences(Instant now) throws Exception {
        List<Silence> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, matchers::text FROM alert_silences WHERE starts_at <= ? AND ends_at > ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> m = new LinkedHashMap<>();
                    Webhooks.JSON.readTree(rs.getString(2)).fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().asText()));
                    out.add(new Silence(rs.getLong(1), m));
                }
            }
        }
        return out;
    }

    @Override
    public List<Channel> channelsFor(String ruleId) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT body->'channels' FROM alert_rules WHERE id = ?")) {
                ps.setString(1, ruleId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getString(1) != null) {
                        JsonNode arr = Webhooks.JSON.readTree(rs.getString(1));
                        arr.forEach(n -> ids.add(n.asText()));
                    }
                }
            }
            if (ids.isEmpty()) {
                ids.add("default");
            }
            List<Channel> out = new ArrayList<>();
            for (String id : ids) {
                channel(c, id).ifPresent(out::add);
            }
            return out;
        }
    }

    private Optional<Channel> channel(Connection c, String id) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, url FROM notification_channels WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return Optional.of(new Channel(id, Webhooks.kind(rs.getString(1)), URI.create(rs.getString(2))));
                }
            }
        }
        return "default".equals(id) ? defaultUrl.map(u -> new Channel(id, Webhooks.Kind.WEBHOOK, u)) : Optional.empty();
    }

    @Override
    public boolean delivered(AlertEvent e, String channel) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT 1 FROM notification_log WHERE outcome = 'delivered' AND fingerprint = ? AND starts_at = ?
                   AND state = ? AND severity = ? AND channel = ?""")) {
            ps.setString(1, e.getFingerprint());
            ps.setTimestamp(2, Timestamp.from(e.getStartsAt()));
            ps.setString(3, e.getState().name());
            ps.setString(4, e.getSeverity().name());
            ps.setString(5, channel);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public void log(LogEntry l) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO notification_log(fingerprint, starts_at, state, severity, channel, attempt, outcome, status_code, error, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            AlertEvent e = l.event();
            ps.setString(1, e.getFingerprint());
            ps.setTimestamp(2, Timestamp.from(e.getStartsAt()));
            ps.setString(3, e.getState().name());
            ps.setString(4, e.getSeverity().name());
            ps.setString(5, l.channel());
            ps.setInt(6, l.attempt());
            ps.setString(7, l.outcome());
            ps.setObject(8, l.status());
            ps.setString(9, l.error());
            ps.setTimestamp(10, Timestamp.from(l.at()));
            ps.executeUpdate();
        }
    }
}
