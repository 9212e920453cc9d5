package io.agentpulse.registry;

import io.agentpulse.contract.registry.SchemaRegistryClient;

import org.apache.avro.Schema;

/**
 * A registry in this JVM with the same rules as {@link RegistryServer} (global ids, idempotent
 * registration, BACKWARD by default). For tests and single-process tools; nothing is persisted.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {
    private final SchemaStore store = SchemaStore.inMemory();

    public InMemorySchemaRegistryClient() {
        // an empty registry
    }

    @Override
    public int register(String subject, Schema schema) {
        return store.register(subject, schema);
    }

    @Override
    public Schema getById(int id) {
        return store.schema(id);
    }

    @Override
    public int lookup(String subject, Schema schema) {
        return store.lookup(subject, schema).id();
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return store.isCompatible(subject, "latest", schema);
    }
}
