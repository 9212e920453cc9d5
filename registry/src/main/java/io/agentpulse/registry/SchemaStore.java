package io.agentpulse.registry;

import io.agentpulse.contract.registry.SchemaRegistryException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * The registry's rules over a {@link RegistryState}, shared by the in-memory client and the HTTP
 * server. Every change is applied to a copy, handed to the {@link Persister} and only then made
 * live, so the state on disk is never behind an answer already given.
 */
final class SchemaStore {

    /** Writes a state durably, or throws. */
    interface Persister {
        void save(RegistryState state) throws Exception;
    }

    /** One version of one subject. */
    record Version(String subject, int version, int id, String schema) {}

    private final Persister persister;
    private final Map<Integer, Schema> parsed = new ConcurrentHashMap<>();
    private RegistryState state;

    SchemaStore(RegistryState initial, Persister persister) {
        this.state = initial;
        this.persister = persister;
    }

    static SchemaStore inMemory() {
        return new SchemaStore(new RegistryState(), s -> { });
    }

    synchronized int register(String subject, Schema schema) {
        String text = schema.toString();
        List<Integer> ids = state.subjects.getOrDefault(subject, List.of());
        Integer existing = state.idOf(text);
        if (existing != null && ids.contains(existing)) {
            return existing;
        }
        CompatibilityLevel level = state.levelOf(subject);
        if (!level.allows(schema, schemasOf(ids))) {
            throw new SchemaRegistryException(SchemaRegistryException.INCOMPATIBLE,
                "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                    + "\" (compatibility level " + level + ").");
        }
        RegistryState next = state.copy();
        int id = next.idFor(text);
        next.subjects.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        commit(next);
        return id;
    }

    synchronized Version lookup(String subject, Schema schema) {
        List<Integer> ids = idsOf(subject);
        Integer id = state.idOf(schema.toString());
        int index = id == null ? -1 : ids.indexOf(id);
        if (index < 0) {
            throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND,
                "Schema not found under subject \"" + subject + "\".");
        }
        return new Version(subject, index + 1, id, state.schemas.get(id));
    }

    synchronized String schemaText(int id) {
        String text = state.schemas.get(id);
        if (text == null) {
            throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found.");
        }
        return text;
    }

    Schema schema(int id) {
        Schema cached = parsed.get(id);
        if (cached != null) {
            return cached;
        }
        Schema s = SchemaRegistryException.parseSchema(schemaText(id));
        parsed.put(id, s);
        return s;
    }

    synchronized List<String> subjects() {
        return List.copyOf(state.subjects.keySet());
    }

    synchronized List<Integer> versions(String subject) {
        int n = idsOf(subject).size();
        List<Integer> versions = new ArrayList<>(n);
        for (int v = 1; v <= n; v++) {
            versions.add(v);
        }
        return versions;
    }

    /** {@code spec} is "latest", "-1" or a version number from 1. */
    synchronized Version version(String subject, String spec) {
        List<Integer> ids = idsOf(subject);
        int v = parseVersion(spec, ids.size());
        if (v < 1 || v > ids.size()) {
            throw new SchemaRegistryException(SchemaRegistryException.VERSION_NOT_FOUND,
                "Version " + spec + " not found under subject \"" + subject + "\".");
        }
        int id = ids.get(v - 1);
        return new Version(subject, v, id, state.schemas.get(id));
    }

    /**
     * Whether the schema may be registered. For "latest" the subject's level decides (all
     * versions when transitive); an unknown subject accepts anything. For a numbered version the
     * level's directions are checked against that version alone.
     */
    synchronized boolean isCompatible(String subject, String spec, Schema schema) {
        List<Integer> ids = state.subjects.get(subject);
        boolean latest = "latest".equalsIgnoreCase(spec) || "-1".equals(spec);
        if (ids == null && latest) {
            return true;
        }
        if (latest) {
            return state.levelOf(subject).allows(schema, schemasOf(ids));
        }
        Version v = version(subject, spec);
        return state.levelOf(subject).allows(schema, List.of(schema(v.id())));
    }

    synchronized CompatibilityLevel globalLevel() {
        return state.globalLevel;
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(state.subjectLevels.get(subject));
    }

    synchronized void setLevel(String subjectOrNull, CompatibilityLevel level) {
        RegistryState next = state.copy();
        if (subjectOrNull == null) {
            next.globalLevel = level;
        } else {
            next.subjectLevels.put(subjectOrNull, level);
        }
        commit(next);
    }

    private List<Integer> idsOf(String subject) {
        List<Integer> ids = state.subjects.get(subject);
        if (ids == null) {
            throw new SchemaRegistryException(SchemaRegistryException.SUBJECT_NOT_FOUND,
                "Subject \"" + subject + "\" not found.");
        }
        return ids;
    }

    private List<Schema> schemasOf(List<Integer> ids) {
        List<Schema> out = new ArrayList<>(ids.size());
        for (int id : ids) {
            out.add(schema(id));
        }
        return out;
    }

    private static int parseVersion(String spec, int latest) {
        if ("latest".equalsIgnoreCase(spec) || "-1".equals(spec)) {
            return latest;
        }
        try {
            int v = Integer.parseInt(spec);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the 42202 below
        }
        throw new SchemaRegistryException(SchemaRegistryException.INVALID_VERSION,
            "The specified version \"" + spec + "\" is not a valid version id; allowed values are 1 to 2^31-1 and \"latest\".");
    }

    private void commit(RegistryState next) {
        try {
            persister.save(next);
        } catch (Exception e) {
            throw new SchemaRegistryException(SchemaRegistryException.STORE_ERROR,
                "The registry could not store the change: " + e.getMessage(), e);
        }
        state = next;
    }
}
