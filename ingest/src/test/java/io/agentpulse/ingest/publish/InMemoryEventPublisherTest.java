package io.agentpulse.ingest.publish;

import io.agentpulse.avro.AgentEvent;
import java.util.List;
import java.util.Map;

class InMemoryEventPublisherTest extends EventPublisherContract {
    private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();

    @Override
    EventPublisher publisher() {
        return publisher;
    }

    @Override
    EventPublisher brokenPublisher() {
        InMemoryEventPublisher broken = new InMemoryEventPublisher();
        broken.failing(true);
        broken.ready(false);
        return broken;
    }

    @Override
    List<Map.Entry<String, AgentEvent>> published(int atLeast) {
        return publisher.records();
    }
}
