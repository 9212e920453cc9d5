package io.agentpulse.processor.alert.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentpulse.embedded.EmbeddedInfra;
import io.agentpulse.notify.Channel;
import io.agentpulse.contract.db.Migrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;

/** The routing contract on a real PostgreSQL (embedded), schema from the migrations (V40: channel settings/secrets). */
class ITJdbcNotifyRepo extends NotifyRepoContract {
    private DataSource ds;
    private JdbcNotifyRepo repo;

    @BeforeEach
    void freshDatabase() {
        ds = EmbeddedInfra.shared().freshDatabase("notify").dataSource();
        Migrations.migrate(ds);
        repo = new JdbcNotifyRepo(ds, Optional.empty());
    }

    @Override
    NotifyRepo repo() {
        return repo;
    }

    @Override
    void channel(Channel c) throws Exception {
        exec("INSERT INTO notification_channels(id, name, kind, settings, secrets) VALUES (?, ?, ?, ?::jsonb, ?::jsonb)",
                c.id(), c.name(), c.type().wire(), json(c.settings()), json(c.secrets()));
    }

    @Override
    void rule(String id, List<String> channels) throws Exception {
        ObjectNode body = Webhooks.JSON.createObjectNode().put("id", id);
        channels.forEach(body.putArray("channels")::add);
        exec("INSERT INTO alert_rules(id, body) VALUES (?, ?::jsonb)", id, body.toString());
    }

    private static String json(Map<String, String> m) throws Exception {
        return Webhooks.JSON.writeValueAsString(m);
    }

    private void exec(String sql, String... args) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
