package io.agentpulse.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Killing process trees: a crash in a fault test, or the leftovers of a JVM that died. */
final class ProcessTree {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);
    /** How long to wait for a SIGKILLed process to be gone (it cannot refuse; this is reaping time). */
    private static final long REAP_SECONDS = 10;

    private ProcessTree() {
    }

    /** SIGKILLs {@code root} and every descendant (snapshot taken first: orphans get re-parented). */
    static void killForcibly(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(REAP_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("Process {} still there {} s after SIGKILL", p.pid(), REAP_SECONDS);
            }
        }
    }

    /**
     * If {@code pgdata/postmaster.pid} names a live postgres process, kills it and its backends:
     * it can only be a server of ours whose JVM died before it could stop it.
     */
    static void killStalePostmaster(Path pgdata) {
        Path pidFile = pgdata.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            long pid = Long.parseLong(lines.get(0).trim());
            Optional<ProcessHandle> stale = ProcessHandle.of(pid)
                    .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
            stale.ifPresent(p -> {
                LOG.warn("Killing a leftover PostgreSQL (pid {}) on {}", pid, pgdata);
                killForcibly(p);
            });
        } catch (IOException | RuntimeException e) {
            LOG.debug("Unreadable {}; PostgreSQL will judge it", pidFile, e);
        }
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a server.", e);
        }
    }
}
