package io.agentpulse.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker and one PostgreSQL for the IT tests of every module: {@link #shared()} starts them
 * once per JVM (lazily, in parallel) and a shutdown hook stops them. Tests isolate by database
 * ({@link #freshDatabase}) and by topic names or {@link #recreateTopics}.
 *
 * <p>Fault tests (kill, restart) must start their own {@link EmbeddedKafka} / {@link EmbeddedPostgres}:
 * killing the shared ones would break the other tests in the JVM.
 */
public final class EmbeddedInfra implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedInfra.class);
    private static EmbeddedInfra shared;
    private static RuntimeException sharedFailure;

    private final EmbeddedConfig config;
    private final Path dir;
    private final boolean deleteDirOnClose;
    private final EmbeddedKafka kafka;
    private final EmbeddedPostgres postgres;

    private EmbeddedInfra(EmbeddedConfig config, Path dir, boolean deleteDirOnClose,
                          EmbeddedKafka kafka, EmbeddedPostgres postgres) {
        this.config = config;
        this.dir = dir;
        this.deleteDirOnClose = deleteDirOnClose;
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /**
     * The JVM-wide instance, started on first call (settings from {@code AGENTPULSE_EMBEDDED_*}).
     * A start failure is remembered and rethrown at once to later callers, so a broken machine
     * fails every test fast instead of each one waiting for a timeout.
     */
    public static synchronized EmbeddedInfra shared() {
        if (shared != null) {
            return shared;
        }
        if (sharedFailure != null) {
            throw new IllegalStateException("The shared embedded infrastructure failed to start earlier: "
                    + sharedFailure.getMessage(), sharedFailure);
        }
        try {
            shared = start(EmbeddedConfig.fromEnv(System.getenv()));
        } catch (RuntimeException e) {
            sharedFailure = e;
            throw e;
        }
        EmbeddedInfra started = shared;
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-infra-stop"));
        return started;
    }

    /** A private broker + PostgreSQL (the caller closes it); in {@code config.dir()} or a temp folder. */
    public static EmbeddedInfra start(EmbeddedConfig config) {
        Path dir;
        try {
            if (config.dir().isPresent()) {
                dir = Files.createDirectories(config.dir().get());
            } else {
                StaleDirs.sweep(Path.of(System.getProperty("java.io.tmpdir")));
                dir = Files.createTempDirectory(StaleDirs.PREFIX);
                StaleDirs.markOwned(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the embedded infrastructure folder.", e);
        }
        long started = System.nanoTime();
        CompletableFuture<EmbeddedPostgres> pg = CompletableFuture.supplyAsync(
                () -> EmbeddedPostgres.start(dir.resolve("postgres"), 0, config.postgresOptions()));
        EmbeddedKafka kafka;
        try {
            kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, config.kafkaOptions());
        } catch (RuntimeException e) {
            pg.thenAccept(EmbeddedPostgres::stop);
            throw e;
        }
        try {
            EmbeddedInfra infra = new EmbeddedInfra(config, dir, config.dir().isEmpty(), kafka, pg.join());
            LOG.info("Embedded infrastructure ready in {} ms: kafka {}, postgres {}",
                    (System.nanoTime() - started) / 1_000_000, kafka.bootstrapServers(), infra.postgres.jdbcUrl());
            return infra;
        } catch (CompletionException e) {
            kafka.stop();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** A new empty database on the shared server (dropped and recreated if the name exists). */
    public PgDatabase freshDatabase(String name) {
        return postgres.createDatabase(name);
    }

    /** Creates the missing topics with the configured partition count (default 3); existing ones are kept. */
    public void createTopics(String... names) {
        createTopics(config.topicPartitions(), names);
    }

    public void createTopics(int partitions, String... names) {
        KafkaTopics.create(bootstrapServers(), partitions, names);
    }

    /** Deletes the topics if present and creates them empty: a clean slate for a test. */
    public void recreateTopics(int partitions, String... names) {
        KafkaTopics.recreate(bootstrapServers(), partitions, names);
    }

    /** Stops both servers; deletes the temp folder when it was ours. */
    @Override
    public void close() {
        try {
            kafka.stop();
        } finally {
            postgres.stop();
            if (deleteDirOnClose) {
                PgBinaries.deleteTree(dir);
            }
        }
    }
}
