package io.agentpulse.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who runs PostgreSQL. initdb and postgres refuse to run as root, so when this JVM is root they
 * run as an unprivileged account ({@code postgres} if it exists, else {@code nobody}) through
 * util-linux's {@code setpriv}, which execs in place (the pid we see is the server's own).
 * When this JVM is not root they run as ourselves with no prefix.
 *
 * @param name account name, or null when no switch is needed
 * @param uid  numeric user id (-1 when no switch)
 * @param gid  numeric primary group id (-1 when no switch)
 */
record PgOsUser(String name, int uid, int gid) {
    private static final Path PASSWD = Path.of("/etc/passwd");

    /** The account to use: {@code wanted} if given, else automatic (see the class comment). */
    static PgOsUser resolve(String wanted) {
        if (!isRoot()) {
            return new PgOsUser(null, -1, -1);
        }
        List<String> candidates = wanted != null ? List.of(wanted) : List.of("postgres", "nobody");
        for (String candidate : candidates) {
            Optional<PgOsUser> found = lookup(candidate);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new IllegalStateException("PostgreSQL cannot run as root and none of the accounts " + candidates
                + " exists in " + PASSWD + "; create one (e.g. apt-get install postgresql creates 'postgres').");
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static Optional<PgOsUser> lookup(String account) {
        try (Stream<String> lines = Files.lines(PASSWD)) {
            return lines.map(l -> l.split(":"))
                    .filter(f -> f.length >= 4 && f[0].equals(account))
                    .findFirst()
                    .map(f -> new PgOsUser(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3])));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + PASSWD + ".", e);
        }
    }

    boolean switches() {
        return name != null;
    }

    /** The command prefix that runs what follows as this account (empty when no switch). */
    List<String> prefix() {
        if (!switches()) {
            return List.of();
        }
        return List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--");
    }

    /** Prefix + command. */
    List<String> command(String... cmd) {
        List<String> all = new ArrayList<>(prefix());
        all.addAll(List.of(cmd));
        return all;
    }

    /**
     * Makes {@code pgdata} (created if missing, mode 700) owned by this account, and lets it
     * traverse (o+x only, never read) every ancestor folder, e.g. a 700 JUnit temp folder.
     */
    void prepareDataDir(Path pgdata) throws IOException {
        Files.createDirectories(pgdata);
        Files.setPosixFilePermissions(pgdata, Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
        if (!switches()) {
            return;
        }
        if (!Integer.valueOf(uid).equals(Files.getAttribute(pgdata, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
            try (Stream<Path> all = Files.walk(pgdata)) {
                for (Path p : (Iterable<Path>) all::iterator) {
                    Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
        for (Path dir = pgdata.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            Set<PosixFilePermission> perms = new java.util.HashSet<>(Files.getPosixFilePermissions(dir));
            if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                perms.add(PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(dir, perms);
            }
        }
    }
}
