package io.agentpulse.processor.sink;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentpulse.embedded.EmbeddedInfra;
import io.agentpulse.contract.db.Migrations;
import io.agentpulse.contract.sketch.SketchCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;

/** The sink contract against a real PostgreSQL (embedded), schema from the Flyway migrations. */
class ITPostgresSink extends SinkContract {
    private DataSource ds;

    @BeforeEach
    void freshDatabase() {
        ds = EmbeddedInfra.shared().freshDatabase("sink_contract").dataSource();
        Migrations.migrate(ds);
    }

    @Override
    RollupSink rollups() {
        return new PostgresRollupSink(ds);
    }

    @Override
    EventSink events() {
        return new PostgresEventSink(ds);
    }

    @Override
    Optional<Row> rollup(String granularity, String grp, String agent, String model, String op, long start) {
        String sql = "SELECT count, is_final, cost_usd, p99_ms, latency_sketch FROM rollup_" + granularity
                + " WHERE grp = ? AND agent_id = ? AND model = ? AND operation = ? AND window_start = ?";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, grp);
            ps.setString(2, agent);
            ps.setString(3, model);
            ps.setString(4, op);
            ps.setTimestamp(5, Timestamp.from(Instant.ofEpochMilli(start)));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getLong(1), rs.getBoolean(2), rs.getDouble(3),
                        rs.getObject(4, Double.class), (long) SketchCodec.decode(rs.getBytes(5)).getCount())) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    Optional<Feedback> feedback(String granularity) {
        String sql = "SELECT feedback_count, feedback_sum, feedback_histogram FROM rollup_" + granularity
                + " WHERE grp = 'series' AND agent_id = ? AND model = 'gpt-4o' AND operation = 'chat' AND window_start = ?";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, "a1");
            ps.setTimestamp(2, Timestamp.from(Instant.ofEpochMilli(START)));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                java.sql.Array a = rs.getArray(3);
                return Optional.of(new Feedback(rs.getLong(1), rs.getDouble(2),
                        a == null ? null : java.util.List.of((Long[]) a.getArray())));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads one row (the SQL takes one text parameter) with the mapper, or nothing. */
    private <T> Optional<T> one(String sql, String param, RowMapper<T> mapper) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException, java.io.IOException;
    }

    @Override
    Map<String, Long> errorTypes(String granularity, String grp, String agent, String model, String op, long start) {
        String sql = "SELECT error_types::text FROM rollup_" + granularity
                + " WHERE grp = ? AND agent_id = ? AND model = ? AND operation = ? AND window_start = ?";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, grp);
            ps.setString(2, agent);
            ps.setString(3, model);
            ps.setString(4, op);
            ps.setTimestamp(5, new java.sql.Timestamp(start));
            try (ResultSet rs = ps.executeQuery()) {
                String json = rs.next() ? rs.getString(1) : null;
                return json == null ? Map.of() : new ObjectMapper().readValue(json, new TypeReference<Map<String, Long>>() {});
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    Optional<EventRow> event(String eventId) {
        return one("SELECT agent_id, cost_usd, cost_source, attributes::text FROM agent_events WHERE event_id = ?", eventId,
                rs -> new EventRow(rs.getString(1), rs.getObject(2, Double.class), rs.getString(3),
                        new ObjectMapper().readValue(rs.getString(4), new TypeReference<Map<String, String>>() {})));
    }

    @Override
    Optional<AgentTimes> seen(String agentId) {
        return one("SELECT first_seen, last_seen FROM agent_last_seen WHERE agent_id = ?", agentId,
                rs -> new AgentTimes(rs.getTimestamp(1).getTime(), rs.getTimestamp(2).getTime()));
    }

    @Override
    Optional<AgentTimes> dimensionValue(String dimension, String value) {
        return one("SELECT first_seen, last_seen FROM dimension_values WHERE dimension = '" + dimension + "' AND value = ?", value,
                rs -> new AgentTimes(rs.getTimestamp(1).getTime(), rs.getTimestamp(2).getTime()));
    }
}
