package io.agentpulse.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The port PostgreSQL last used in a data directory, so a restart of a kept directory keeps it. */
final class PgState {
    private final Path file;

    private PgState(Path file) {
        this.file = file;
    }

    static PgState in(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the PostgreSQL data directory " + dataDir + ".", e);
        }
        return new PgState(dataDir.resolve("embedded-postgres.properties"));
    }

    int rememberedPort() {
        if (!Files.exists(file)) {
            return 0;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return Integer.parseInt(p.getProperty("port", "0"));
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    void rememberPort(int port) {
        Properties p = new Properties();
        p.setProperty("port", Integer.toString(port));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "Embedded PostgreSQL: reused on restart");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ".", e);
        }
    }
}
