package io.agentpulse.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temp folders of the shared infrastructure carry the pid of the JVM that made them. A JVM that
 * was SIGKILLed could not delete its folder (its servers did stop: they watch their stdin), so the
 * next JVM deletes folders whose owner is gone.
 */
final class StaleDirs {
    private static final Logger LOG = LoggerFactory.getLogger(StaleDirs.class);
    static final String PREFIX = "agentpulse-infra-";
    private static final String OWNER = "owner.pid";

    private StaleDirs() {
    }

    static void markOwned(Path dir) throws IOException {
        Files.writeString(dir.resolve(OWNER), Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
    }

    /** Deletes {@code tmp/agentpulse-infra-*} folders whose owner pid no longer runs. Best effort. */
    static void sweep(Path tmp) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path dir : dirs) {
                if (ownerGone(dir)) {
                    LOG.info("Deleting {} left by a JVM that died", dir);
                    PgBinaries.deleteTree(dir);
                }
            }
        } catch (IOException e) {
            LOG.debug("Could not sweep {}", tmp, e);
        }
    }

    private static boolean ownerGone(Path dir) {
        Path owner = dir.resolve(OWNER);
        try {
            long pid = Long.parseLong(Files.readString(owner, StandardCharsets.UTF_8).trim());
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (IOException | NumberFormatException e) {
            // No owner file yet: the folder may be being created right now by another JVM; keep it.
            return false;
        }
    }
}
