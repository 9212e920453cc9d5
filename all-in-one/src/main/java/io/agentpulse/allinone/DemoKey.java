package io.agentpulse.allinone;

import io.agentpulse.security.keys.ApiKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The demo fleet's own ingest key, kept in the data directory (owner-only) so that a restart reuses it: the
 * store holds only its hash, so the token itself must live somewhere, and a new key per start would pile up.
 */
final class DemoKey {
    static final String FILE = "demo-ingest-key";

    private DemoKey() {}

    /** The token in {@code dataDir}/demo-ingest-key, made and written there on first use. */
    static String load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            String token = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (ApiKeys.parse(token) != null) {
                return token;
            }
            // A damaged file: replace it (the old key, if any, simply stays unused).
        }
        String token = ApiKeys.generate().token();
        Path tmp = Files.createTempFile(dataDir, FILE, ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the data directory's own permissions apply
        }
        Files.writeString(tmp, token + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return token;
    }
}
