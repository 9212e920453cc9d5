package io.agentpulse.ingest.client;

import io.agentpulse.avro.AgentEvent;
import java.util.List;

class InMemoryTransportTest extends TransportContract {
    private final InMemoryTransport transport = new InMemoryTransport();

    @Override
    Transport transport() {
        return transport;
    }

    @Override
    List<AgentEvent> delivered() {
        return transport.events();
    }
}
