package io.agentpulse.embedded;

import java.nio.file.Path;

/** Run in a separate JVM by ITNoOrphans: starts both servers, prints their pids, waits to be killed. */
public final class OrphanProbe {
    private OrphanProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        EmbeddedPostgres pg = EmbeddedPostgres.start(dir.resolve("pg"), 0, PostgresOptions.fastForTests());
        long postmaster = Long.parseLong(java.nio.file.Files.readAllLines(pg.dataDir().resolve("pgdata/postmaster.pid")).get(0));
        System.out.println("PIDS " + kafka.pid() + " " + postmaster);
        System.out.flush();
        new java.util.concurrent.CountDownLatch(1).await();
    }
}
