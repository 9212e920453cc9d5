package io.agentpulse.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real TimescaleDB for tests: Debian's PostgreSQL with the extension built into it (by
 * {@code ../shared/timescaledb/install.sh}, which CI's {@code .ci/run} runs), started with
 * {@link PostgresOptions#withTimescaleDb()}. {@link #shared()} is one server per JVM, beside
 * {@link EmbeddedInfra}'s plain one; tests isolate by database ({@link #freshDatabase}). Its job
 * scheduler is off: policies are created but act only when a test runs them ({@code CALL run_job}),
 * since a retention policy left to the scheduler drops chunks by the wall clock, not the test's.
 */
public final class TimescaleDb {
    private static final Logger LOG = LoggerFactory.getLogger(TimescaleDb.class);
    /** The extension's library and name. */
    static final String LIBRARY = "timescaledb";
    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static EmbeddedPostgres shared;

    private TimescaleDb() {
    }

    /**
     * Debian's bin directory whose PostgreSQL has the TimescaleDB library; empty on a machine without
     * it. In CI (CI=true) its absence is an error, so a TimescaleDB test can never pass there by skipping.
     */
    public static Optional<Path> binDir() {
        Optional<Path> found = PgBinaries.debian()
                .filter(bin -> Files.isRegularFile(bin.resolveSibling("lib").resolve(LIBRARY + ".so")));
        if (found.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(missing() + " CI must install it: .ci/run runs ../shared/timescaledb/install.sh.");
        }
        return found;
    }

    static Path requireBinDir() {
        return binDir().orElseThrow(() -> new IllegalStateException(missing()
                + " Run ../shared/timescaledb/install.sh (it builds the extension into Debian's PostgreSQL 15)."));
    }

    private static String missing() {
        return "TimescaleDB is not installed: no " + LIBRARY + ".so beside Debian's PostgreSQL under " + DEBIAN_ROOT + ".";
    }

    /** The JVM-wide TimescaleDB server (fast, not durable), started on first call; a shutdown hook stops it. */
    public static synchronized EmbeddedPostgres shared() {
        if (shared != null) {
            return shared;
        }
        Path dir;
        try {
            StaleDirs.sweep(Path.of(System.getProperty("java.io.tmpdir")));
            dir = Files.createTempDirectory(StaleDirs.PREFIX + "timescale-");
            StaleDirs.markOwned(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a folder for the embedded TimescaleDB.", e);
        }
        PostgresOptions options = PostgresOptions.fastForTests().withTimescaleDb();
        Map<String, String> settings = new HashMap<>(options.serverSettings());
        settings.put("timescaledb.max_background_workers", "0"); // no scheduler: time is the test's input
        EmbeddedPostgres started = EmbeddedPostgres.start(dir.resolve("postgres"), 0, options.withServerSettings(settings));
        LOG.info("Embedded TimescaleDB ready on {}", started.jdbcUrl());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.stop();
            PgBinaries.deleteTree(dir);
        }, "embedded-timescaledb-stop"));
        shared = started;
        return started;
    }

    /** A new empty database on the shared TimescaleDB server (dropped and recreated if the name exists). */
    public static PgDatabase freshDatabase(String name) {
        return shared().createDatabase(name);
    }
}
