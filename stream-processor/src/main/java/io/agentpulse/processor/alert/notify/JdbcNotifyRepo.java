package io.agentpulse.processor.alert.notify;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.notify.Channel;
import io.agentpulse.notify.Route;
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
 * PostgreSQL: alert_silences, alert_rules.body->channels routed over notification_channels, and
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
                    out.add(new Silence(rs.getLong(1), Webhooks.strings(rs.getString(2))));
                }
            }
        }
        return out;
    }

    @Override
    public List<Channel> channelsFor(String ruleId, String severity) throws Exception {
        List<String> entries = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT body->'channels' FROM alert_rules WHERE id = ?")) {
                ps.setString(1, ruleId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getString(1) != null) {
                        Webhooks.JSON.readTree(rs.getString(1)).forEach(n -> entries.add(n.asText()));
                    }
                }
            }
            Map<String, Channel> all = channels(c);
            List<Channel> out = new ArrayList<>();
            for (String id : Route.select(entries, all.keySet(), severity)) {
                Optional.ofNullable(all.get(id)).or(() -> fallback(id)).ifPresent(out::add);
            }
            return out;
        }
    }

    private static Map<String, Channel> channels(Connection c) throws Exception {
        Map<String, Channel> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name, kind, settings::text, secrets::text FROM notification_channels");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new Channel(rs.getString(1), rs.getString(2), Channel.Type.parse(rs.getString(3)),
                        Webhooks.strings(rs.getString(4)), Webhooks.strings(rs.getString(5))));
            }
        }
        return out;
    }

    /** "default" without a row: AGENTPULSE_NOTIFIER_WEBHOOK_URL, when set. */
    private Optional<Channel> fallback(String id) {
        return Route.DEFAULT.equals(id) ? defaultUrl.map(u -> new Channel(id, "default (AGENTPULSE_NOTIFIER_WEBHOOK_URL)",
                Channel.Type.WEBHOOK, Map.of("url", u.toString()), Map.of())) : Optional.empty();
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
                INSERT INTO notification_log(fingerprint, starts_at, state, severity, channel, attempt, outcome, status_code, error, at, rule_name)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
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
            ps.setString(11, e.getRuleName());
            ps.executeUpdate();
        }
    }
}
