package io.agentpulse.client;

import java.util.List;

class InMemoryTransportTest extends TransportContract {
    private final InMemoryTransport transport = new InMemoryTransport();

    @Override
    Transport transport() {
        return transport;
    }

    @Override
    List<PulseEvent> delivered() {
        return transport.events();
    }
}
