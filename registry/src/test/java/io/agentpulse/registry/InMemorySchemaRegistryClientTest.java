package io.agentpulse.registry;

import io.agentpulse.contract.registry.SchemaRegistryClient;

class InMemorySchemaRegistryClientTest extends SchemaRegistryContractTest {
    private final InMemorySchemaRegistryClient client = new InMemorySchemaRegistryClient();

    @Override
    SchemaRegistryClient client() {
        return client;
    }
}
