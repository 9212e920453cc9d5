package io.agentpulse.query.store;

import io.vertx.core.Future;
import java.util.List;

/**
 * Reads the host rollups (host_rollup_1m .. 4w, written by the processor's host job).
 * Real: {@link PgHostReader}; in memory: {@link InMemoryHostReader}; one contract test.
 */
public interface HostReader {
    /** Rows summed per (host, agent, bucket), ordered by host, agent, bucket. */
    Future<List<HostAgg>> read(HostQuery q);
}
