package io.agentpulse.processor.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The time partitions of the timed tables, and the two ways retention removes rows. */
interface PartitionStore {
    /** "partitioned" (plain PostgreSQL) or "timescaledb". */
    String mode();

    /** Every range partition of every timed table (not the DEFAULT partitions). */
    List<Partition> list();

    void drop(Partition p);

    /** Deletes rows older than {@code cutoff} from a table's DEFAULT partition (rows outside any slice). */
    long deleteDefaultOlderThan(String table, Instant cutoff);

    /** TimescaleDB only: (re)sets the table's retention policy; empty = remove it (keep forever). */
    void applyPolicy(String table, Optional<Duration> retention);
}
