package io.agentpulse.contract.registry;

class InMemorySchemaRegistryClientTest extends SchemaRegistryContractTest {
    private final InMemorySchemaRegistryClient client = new InMemorySchemaRegistryClient();

    @Override
    SchemaRegistryClient client() {
        return client;
    }
}
