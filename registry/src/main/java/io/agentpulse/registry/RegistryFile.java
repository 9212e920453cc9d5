package io.agentpulse.registry;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <dataDir>/registry.json}: the registry's state, replaced atomically (write a temporary
 * file, fsync it, rename over the old one) so a crash leaves either the old or the new state,
 * never half of one. A file that does not parse stops the start rather than being overwritten.
 */
final class RegistryFile {
    static final String NAME = "registry.json";
    private static final int FORMAT = 1;

    private final Path file;
    private final Path temp;

    RegistryFile(Path dataDir) {
        this.file = dataDir.resolve(NAME);
        this.temp = dataDir.resolve(NAME + ".tmp");
    }

    RegistryState load() throws IOException {
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            return new RegistryState();
        }
        try {
            return fromJson(new JsonObject(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (DecodeException | ClassCastException | IllegalArgumentException | NullPointerException e) {
            throw new IOException("The schema registry file " + file + " is damaged (" + e.getMessage()
                + "); restore it from a backup or move it away to start with an empty registry.", e);
        }
    }

    void save(RegistryState state) throws IOException {
        byte[] bytes = toJson(state).encodePrettily().getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static JsonObject toJson(RegistryState s) {
        JsonArray schemas = new JsonArray();
        s.schemas.forEach((id, text) -> schemas.add(new JsonObject().put("id", id).put("schema", text)));
        JsonObject subjects = new JsonObject();
        s.subjects.forEach((subject, ids) -> subjects.put(subject, new JsonArray(new ArrayList<>(ids))));
        JsonObject levels = new JsonObject();
        s.subjectLevels.forEach((subject, level) -> levels.put(subject, level.name()));
        return new JsonObject().put("format", FORMAT).put("nextId", s.nextId).put("compatibility", s.globalLevel.name())
            .put("schemas", schemas).put("subjects", subjects).put("subjectCompatibility", levels);
    }

    private static RegistryState fromJson(JsonObject json) {
        RegistryState s = new RegistryState();
        for (Object o : json.getJsonArray("schemas")) {
            JsonObject e = (JsonObject) o;
            s.putSchema(e.getInteger("id"), e.getString("schema"));
        }
        s.nextId = Math.max(s.nextId, json.getInteger("nextId", 1));
        JsonObject subjects = json.getJsonObject("subjects");
        for (String subject : subjects.fieldNames()) {
            List<Integer> ids = new ArrayList<>();
            for (Object id : subjects.getJsonArray(subject)) {
                ids.add(((Number) id).intValue());
            }
            s.subjects.put(subject, ids);
        }
        s.globalLevel = CompatibilityLevel.valueOf(json.getString("compatibility", "BACKWARD"));
        JsonObject levels = json.getJsonObject("subjectCompatibility", new JsonObject());
        for (String subject : levels.fieldNames()) {
            s.subjectLevels.put(subject, CompatibilityLevel.valueOf(levels.getString(subject)));
        }
        return s;
    }
}
