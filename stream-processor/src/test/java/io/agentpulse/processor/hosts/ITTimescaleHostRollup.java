package io.agentpulse.processor.hosts;

import static org.assertj.core.api.Assumptions.assumeThat;

import io.agentpulse.embedded.TimescaleDb;
import javax.sql.DataSource;

/**
 * The host rollup contract on TimescaleDB (hypertables, compression settings; see ITTimescaleSchema).
 * Skipped on a machine without TimescaleDB (../shared/timescaledb/install.sh).
 */
class ITTimescaleHostRollup extends ITPgHostRollup {
    @Override
    DataSource database() {
        assumeThat(TimescaleDb.binDir()).as("TimescaleDB is not installed (../shared/timescaledb/install.sh)").isPresent();
        return TimescaleDb.freshDatabase("host_rollups_ts").dataSource();
    }
}
