package io.agentpulse.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's binaries, else Debian's) on 127.0.0.1, its data under
 * {@code dataDir/pgdata}: initialised on first start, reused after (survives restarts and kills).
 * When this JVM is root the server runs as an unprivileged account (see {@link PgOsUser}).
 * It stops by itself when this JVM dies. Login: user {@code postgres}, trusted on loopback;
 * database {@code agentpulse} is created on first start. With {@link PostgresOptions#withTls} it takes
 * TLS connections only; our own connections (and pgjdbc's default, sslmode=prefer) then use TLS.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    static final String SUPERUSER = "postgres";
    static final String DATABASE = "agentpulse";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDir;
    private final Path pgdata;
    private final Path log;
    private final PostgresOptions options;
    private final PgOsUser osUser;
    private final Path binDir;
    private final PgDatabase main;
    private Process process;
    private Duration lastStartDuration = Duration.ZERO;

    private EmbeddedPostgres(Path dataDir, int port, PostgresOptions options, PgOsUser osUser, Path binDir) {
        this.dataDir = dataDir;
        this.pgdata = dataDir.resolve("pgdata");
        this.log = dataDir.resolve("postgres.log");
        this.options = options;
        this.osUser = osUser;
        this.binDir = binDir;
        this.main = new PgDatabase(Ports.HOST, port, DATABASE, SUPERUSER, SUPERUSER);
    }

    /** Durable server on {@code port} (0 = the remembered port if free, else a free one). */
    public static EmbeddedPostgres start(Path dataDir, int port) {
        return start(dataDir, port, PostgresOptions.defaults());
    }

    /** Starts and waits until it accepts connections (or throws with the last lines of postgres.log). */
    public static EmbeddedPostgres start(Path dataDir, int port, PostgresOptions options) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("The PostgreSQL port must be 0 (any free port) or 1-65535, but was " + port + ".");
        }
        if (port > 0 && !Ports.isFree(port)) {
            throw new IllegalStateException("The PostgreSQL port " + port + " on " + Ports.HOST
                    + " is already in use; stop what listens there or pass 0 for a free port.");
        }
        Path dir = dataDir.toAbsolutePath();
        PgState state = PgState.in(dir);
        PgOsUser osUser = PgOsUser.resolve(options.osUser());
        Path binDir = options.timescaleDb() ? TimescaleDb.requireBinDir() : PgBinaries.binDir();
        PostgresOptions run = options.tls() ? PgTlsFiles.install(dir, osUser, options) : options;
        for (int attempt = 1; ; attempt++) {
            int chosen = Ports.choose(port, attempt > 1 ? 0 : state.rememberedPort());
            state.rememberPort(chosen);
            EmbeddedPostgres pg = new EmbeddedPostgres(dir, chosen, run, osUser, binDir);
            try {
                pg.launch();
                return pg;
            } catch (IllegalStateException e) {
                if (!Ports.lostRace(port, attempt, e)) {
                    throw e;
                }
                LOG.warn("PostgreSQL lost its free port {} to another process; trying another", chosen);
            }
        }
    }

    public String jdbcUrl() {
        return main.jdbcUrl();
    }

    public String host() {
        return main.host();
    }

    public int port() {
        return main.port();
    }

    public String database() {
        return main.name();
    }

    public String user() {
        return main.user();
    }

    public String password() {
        return main.password();
    }

    /** The {@code agentpulse} database (unpooled DataSource). */
    public DataSource dataSource() {
        return main.dataSource();
    }

    /** The {@code agentpulse} database's coordinates, for clients other than JDBC. */
    public PgDatabase mainDatabase() {
        return main;
    }

    /** Drops {@code name} if it exists (closing its sessions) and creates it empty. */
    public synchronized PgDatabase createDatabase(String name) {
        PgDatabase db = main.withName(name);
        try (Connection c = main.withName("postgres").dataSource().getConnection();
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db.name() + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + db.name());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database '" + name + "': " + e.getMessage(), e);
        }
        return db;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return log;
    }

    /** Wall time of the last start or restart (initdb included on the first), until a connection succeeded. */
    public Duration lastStartDuration() {
        return lastStartDuration;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Fast shutdown (open transactions roll back, a checkpoint is written); SIGKILL after 30 s. Idempotent. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        closeStdin();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("PostgreSQL did not stop within {}; killing it", STOP_TIMEOUT);
                kill();
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** SIGKILL of the server and all its backends, as a crash would. The next start runs crash recovery. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        ProcessTree.killForcibly(process.toHandle());
        closeStdin();
        process = null;
    }

    /** Stops (if running) and starts again on the same port and data. */
    public synchronized void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void launch() {
        long started = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
            ProcessTree.killStalePostmaster(pgdata);
            osUser.prepareDataDir(pgdata);
            if (!Files.exists(pgdata.resolve("PG_VERSION"))) {
                initdb();
            }
            process = new ProcessBuilder(PgCommands.server(osUser, binDir, pgdata, port(), options))
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL in " + pgdata + ".", e);
        }
        awaitReady();
        ensureMainDatabase();
        lastStartDuration = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("PostgreSQL ready on {} in {} ms (binaries {}, data {})", jdbcUrl(), lastStartDuration.toMillis(),
                binDir, pgdata);
    }

    private void initdb() throws IOException {
        // A folder without PG_VERSION is a half-finished initdb of ours: initdb wants it empty.
        PgBinaries.deleteTree(pgdata);
        osUser.prepareDataDir(pgdata);
        Process init = new ProcessBuilder(PgCommands.initdb(osUser, binDir, pgdata, SUPERUSER, options.durable()))
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            if (!init.waitFor(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                init.destroyForcibly();
                throw failure("initdb did not finish within " + options.startTimeout());
            }
        } catch (InterruptedException e) {
            init.destroyForcibly();
            Thread.currentThread().interrupt();
            throw failure("interrupted during initdb");
        }
        if (init.exitValue() != 0) {
            throw failure("initdb exited with code " + init.exitValue());
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        DataSource admin = main.withName("postgres").dataSource();
        while (true) {
            if (!process.isAlive()) {
                throw failure("the server exited with code " + process.exitValue());
            }
            try (Connection c = admin.getConnection()) {
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    kill();
                    throw failure("it did not accept connections within " + options.startTimeout());
                }
                ProcessTree.pause(Duration.ofMillis(50));
            }
        }
    }

    private void ensureMainDatabase() {
        try (Connection c = main.withName("postgres").dataSource().getConnection();
             Statement s = c.createStatement()) {
            if (!s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'").next()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw failure("creating the database " + DATABASE + " failed: " + e.getMessage());
        }
    }

    private void closeStdin() {
        try (OutputStream in = process.getOutputStream()) {
            in.flush();
        } catch (IOException e) {
            // Already closed or the wrapper is gone: either way the server gets its signal or is dead.
        }
    }

    private IllegalStateException failure(String why) {
        return new IllegalStateException("The embedded PostgreSQL in " + pgdata + " did not start: " + why
                + ". Last lines of " + log + ":\n" + LogTail.of(log, 30));
    }

    /** Lists the command lines (for diagnostics in tests). */
    List<String> serverCommand() {
        return PgCommands.server(osUser, binDir, pgdata, port(), options);
    }
}
