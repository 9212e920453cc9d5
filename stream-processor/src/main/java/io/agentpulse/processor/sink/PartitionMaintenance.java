package io.agentpulse.processor.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps daily/monthly/yearly partitions for [now - 2 d, now + 2 d] in place (plain PostgreSQL; a
 * no-op under TimescaleDB): at start, then hourly. Rows outside land in the DEFAULT partition,
 * so a missed run costs speed, never data.
 */
final class PartitionMaintenance {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionMaintenance.class);
    static final Duration EVERY = Duration.ofHours(1);
    static final Duration SPAN = Duration.ofDays(2);

    private final DataSource dataSource;
    private final Clock clock;
    private Instant next = Instant.MIN;

    PartitionMaintenance(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Runs now; throws SinkException when the database is unreachable. Returns partitions made. */
    int ensure() {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT agentpulse_ensure_partitions(?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(now.minus(SPAN)));
            ps.setTimestamp(2, Timestamp.from(now.plus(SPAN)));
            try (var rs = ps.executeQuery()) {
                rs.next();
                next = now.plus(EVERY);
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new SinkException("Creating partitions failed: " + e.getMessage(), e);
        }
    }

    /** Runs when due; a failure is logged and retried a minute later. */
    void maybeRun() {
        if (clock.instant().isBefore(next)) {
            return;
        }
        try {
            int made = ensure();
            if (made > 0) {
                LOG.info("Created {} partitions", made);
            }
        } catch (SinkException e) {
            LOG.warn("{} Retrying in a minute.", e.getMessage());
            next = clock.instant().plus(Duration.ofMinutes(1));
        }
    }
}
