package io.agentpulse.processor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One run of a database job that only one processor instance may do at a time: one transaction under
 * {@code pg_try_advisory_xact_lock(lock)}. The lock is released with the transaction, so a crashed
 * instance never holds it; an instance that does not get it skips the run (the holder does the work).
 * Each job has its own fixed lock number, declared beside its store.
 */
public final class LockedTransaction {
    /** The job's work on the open connection (auto-commit off); throwing rolls everything back. */
    @FunctionalInterface
    public interface Work {
        void run(Connection c) throws SQLException;
    }

    private LockedTransaction() {}

    /**
     * Runs {@code work} in one transaction holding {@code lock}; false (nothing done) when another
     * session holds it. Throws what the work or the database threw, after rolling back.
     */
    public static boolean run(DataSource ds, long lock, Work work) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!locked(c, lock)) {
                    c.rollback();
                    return false;
                }
                work.run(c);
                c.commit();
                return true;
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static boolean locked(Connection c, long lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, lock);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
