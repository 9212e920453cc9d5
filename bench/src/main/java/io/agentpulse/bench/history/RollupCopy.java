package io.agentpulse.bench.history;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams rollup rows into one rollup_* table with COPY (text format), the fastest path into
 * PostgreSQL (~80k rows/s per connection). Rows are routed to their partitions by PostgreSQL.
 * Not thread-safe: one per connection.
 */
final class RollupCopy implements AutoCloseable {
    private static final String COLUMNS = "(grp, agent_id, model, operation, window_start, window_end, is_final, count,"
            + " errors, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, cost_usd, latency_sketch,"
            + " ttft_sketch, p50_ms, p95_ms, p99_ms, updated_at)";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final OutputStream out;
    private final StringBuilder line = new StringBuilder(1024);
    private final String updatedAt = Instant.now().toString();
    private long rows;

    RollupCopy(Connection c, String table) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        out = new BufferedOutputStream(new PGCopyOutputStream(pg, "COPY " + table + " " + COLUMNS + " FROM STDIN"), 1 << 20);
    }

    /** One row; every text value is plain ASCII without tabs or backslashes (ids we generate). */
    void row(String grp, String agent, String model, String operation, long startMs, long lenMs, long count, long errors,
             long inTokens, long outTokens, double cost, SketchPool.Entry sketch) throws IOException {
        line.setLength(0);
        line.append(grp).append('\t').append(agent).append('\t').append(model).append('\t').append(operation)
                .append('\t').append(Instant.ofEpochMilli(startMs)).append('\t').append(Instant.ofEpochMilli(startMs + lenMs))
                .append("\tt\t").append(count).append('\t').append(errors).append('\t').append(inTokens).append('\t')
                .append(outTokens).append("\t0\t0\t").append(cost).append("\t\\\\x");
        for (byte b : sketch.bytes()) {
            line.append(HEX[(b >> 4) & 15]).append(HEX[b & 15]);
        }
        line.append("\t\\N\t").append(sketch.p50()).append('\t').append(sketch.p95()).append('\t').append(sketch.p99())
                .append('\t').append(updatedAt).append('\n');
        out.write(line.toString().getBytes(StandardCharsets.US_ASCII));
        rows++;
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        out.close(); // ends the COPY
    }
}
