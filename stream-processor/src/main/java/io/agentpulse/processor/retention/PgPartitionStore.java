package io.agentpulse.processor.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Partitions of the timed tables on PostgreSQL. A partition's range is read from its name
 * ({@code <table>_YYYYMMDD}, made by agentpulse_ensure_partitions) and the table's slice unit
 * (day, month or year, the same rule as that function); partitions named otherwise are not ours
 * and are left alone. Under TimescaleDB the partitions are the hypertables' chunks, with the ranges
 * TimescaleDB gives them (fixed widths from the epoch, V1 and V33: 1 day to 360 days), dropped with
 * drop_chunks; there is no DEFAULT partition.
 */
public final class PgPartitionStore implements PartitionStore {
    private static final String LIST = "SELECT t.name, c.relname, CASE WHEN t.slice >= interval '1 year' THEN 'year'"
            + " WHEN t.slice >= interval '1 month' THEN 'month' ELSE 'day' END"
            + " FROM agentpulse_timed_tables t JOIN pg_inherits i ON i.inhparent = to_regclass(t.name)"
            + " JOIN pg_class c ON c.oid = i.inhrelid ORDER BY c.relname";
    private static final String CHUNKS = "SELECT c.hypertable_name, format('%I.%I', c.chunk_schema, c.chunk_name),"
            + " c.range_start, c.range_end FROM timescaledb_information.chunks c"
            + " JOIN agentpulse_timed_tables t ON t.name = c.hypertable_name"
            + " WHERE c.hypertable_schema = current_schema() ORDER BY c.hypertable_name, c.range_start";

    private final DataSource dataSource;
    private volatile String mode;

    public PgPartitionStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Read once: the mode is fixed by the first migration. */
    @Override
    public String mode() {
        if (mode == null) {
            mode = readMode();
        }
        return mode;
    }

    private String readMode() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT mode FROM agentpulse_storage")) {
            return rs.next() ? rs.getString(1) : "partitioned";
        } catch (SQLException e) {
            throw new RetentionException("Reading the storage mode failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Partition> list() {
        if (timescale()) {
            return chunks();
        }
        List<Partition> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(LIST)) {
            while (rs.next()) {
                parse(rs.getString(1), rs.getString(2), rs.getString(3)).ifPresent(out::add);
            }
        } catch (SQLException e) {
            throw new RetentionException("Listing partitions failed: " + e.getMessage(), e);
        }
        return out;
    }

    private List<Partition> chunks() {
        List<Partition> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(CHUNKS)) {
            while (rs.next()) {
                out.add(new Partition(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant()));
            }
        } catch (SQLException e) {
            throw new RetentionException("Listing chunks failed: " + e.getMessage(), e);
        }
        return out;
    }

    private boolean timescale() {
        return "timescaledb".equals(mode());
    }

    static Optional<Partition> parse(String table, String name, String unit) {
        String prefix = table + "_";
        if (!name.startsWith(prefix) || name.length() != prefix.length() + 8) {
            return Optional.empty();
        }
        try {
            LocalDate lo = LocalDate.parse(name.substring(prefix.length()), DateTimeFormatter.BASIC_ISO_DATE);
            LocalDate hi = switch (unit) {
                case "year" -> lo.plusYears(1);
                case "month" -> lo.plusMonths(1);
                default -> lo.plusDays(1);
            };
            return Optional.of(new Partition(table, name, lo.atStartOfDay().toInstant(ZoneOffset.UTC),
                    hi.atStartOfDay().toInstant(ZoneOffset.UTC)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public void drop(Partition p) {
        if (timescale()) {
            // Exactly this chunk: drop_chunks takes those ending at or before older_than and starting at or after newer_than.
            String sql = "SELECT drop_chunks(?::regclass, older_than => ?::timestamptz, newer_than => ?::timestamptz)";
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, p.table());
                ps.setTimestamp(2, Timestamp.from(p.to()));
                ps.setTimestamp(3, Timestamp.from(p.from()));
                ps.execute();
            } catch (SQLException e) {
                throw new RetentionException("Dropping chunk " + p.name() + " failed: " + e.getMessage(), e);
            }
            return;
        }
        update("DROP TABLE IF EXISTS " + quote(p.name()), "Dropping partition " + p.name());
    }

    @Override
    public long deleteDefaultOlderThan(String table, Instant cutoff) {
        if (timescale()) {
            return 0; // every row of a hypertable is in a chunk
        }
        String sql = "DELETE FROM " + quote(table + "_default") + " WHERE "
                + quote(timeColumn(table)) + " < ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new RetentionException("Deleting old rows of " + table + "_default failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void applyPolicy(String table, Optional<Duration> retention) {
        String t = table.replace("'", "''");
        update("SELECT remove_retention_policy('" + t + "'::regclass, if_exists => true)", "Removing the policy of " + table);
        retention.ifPresent(d -> update("SELECT add_retention_policy('" + t + "'::regclass, drop_after => interval '"
                + d.toSeconds() + " seconds')", "Adding the retention policy of " + table));
    }

    private String timeColumn(String table) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT time_col FROM agentpulse_timed_tables WHERE name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new RetentionException("Table " + table + " is not a timed table.", null);
                }
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new RetentionException("Reading the time column of " + table + " failed: " + e.getMessage(), e);
        }
    }

    private void update(String sql, String what) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new RetentionException(what + " failed: " + e.getMessage(), e);
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
