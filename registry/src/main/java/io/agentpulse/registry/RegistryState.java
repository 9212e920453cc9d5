package io.agentpulse.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole persistent state of a registry: plain data, copied before every change so that a
 * failed write to disk leaves the live state untouched. Schema texts are Avro's full JSON form
 * ({@code Schema.toString()}), which keeps defaults and docs: two schemas are "the same" only
 * when that text is equal.
 */
final class RegistryState {
    /** Global id -> schema text; ids start at 1 and are never reused. */
    final Map<Integer, String> schemas = new TreeMap<>();
    /** Subject -> ids of its versions, version n at index n - 1. */
    final Map<String, List<Integer>> subjects = new TreeMap<>();
    /** Subject -> its own compatibility level (absent = the global one). */
    final Map<String, CompatibilityLevel> subjectLevels = new TreeMap<>();
    CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    int nextId = 1;

    /** Schema text -> id, derived from {@link #schemas}. */
    private final Map<String, Integer> idsByText = new HashMap<>();

    RegistryState copy() {
        RegistryState c = new RegistryState();
        c.schemas.putAll(schemas);
        subjects.forEach((s, ids) -> c.subjects.put(s, new ArrayList<>(ids)));
        c.subjectLevels.putAll(subjectLevels);
        c.globalLevel = globalLevel;
        c.nextId = nextId;
        c.idsByText.putAll(idsByText);
        return c;
    }

    Integer idOf(String text) {
        return idsByText.get(text);
    }

    /** Returns the existing id of this text or assigns the next one. */
    int idFor(String text) {
        Integer id = idsByText.get(text);
        if (id != null) {
            return id;
        }
        int assigned = nextId++;
        putSchema(assigned, text);
        return assigned;
    }

    void putSchema(int id, String text) {
        schemas.put(id, text);
        idsByText.put(text, id);
        nextId = Math.max(nextId, id + 1);
    }

    CompatibilityLevel levelOf(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }
}
