package io.agentpulse.registry;

import io.agentpulse.contract.registry.SchemaRegistryException;

import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * Confluent's compatibility levels, checked with Avro's own {@link SchemaCompatibility}.
 * BACKWARD: the new schema reads data written with the previous one (consumers upgrade first).
 * FORWARD: the previous schema reads data written with the new one. FULL: both. The
 * _TRANSITIVE forms check every earlier version instead of only the latest.
 */
enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    static CompatibilityLevel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_COMPATIBILITY,
                "Invalid compatibility level \"" + text + "\"; expected one of NONE, BACKWARD, BACKWARD_TRANSITIVE, "
                    + "FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE.");
        }
    }

    /**
     * Whether {@code candidate} may follow {@code existing} (oldest first). Non-transitive levels
     * look at the last element only.
     */
    boolean allows(Schema candidate, List<Schema> existing) {
        if (existing.isEmpty()) {
            return true;
        }
        List<Schema> against = transitive ? existing : existing.subList(existing.size() - 1, existing.size());
        for (Schema old : against) {
            if (backward && !canRead(candidate, old)) {
                return false;
            }
            if (forward && !canRead(old, candidate)) {
                return false;
            }
        }
        return true;
    }

    private static boolean canRead(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
            == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }
}
