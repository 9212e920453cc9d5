package io.agentpulse.ingest.gateway;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.ingest.publish.EventPublisher;
import io.agentpulse.ingest.publish.PublishException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Stands in for the Kafka publisher while GatewayMain still prepares Kafka (topics), so that HTTP,
 * /healthz and /readyz answer from the first second: batches get 503 until {@link #install}.
 */
final class DeferredPublisher implements EventPublisher {
    private volatile EventPublisher target;
    private volatile boolean closed;

    /** Hands over to the real publisher (closed at once if this one was closed meanwhile). */
    void install(EventPublisher publisher) {
        target = publisher;
        if (closed) {
            publisher.close();
        }
    }

    @Override
    public CompletableFuture<Void> publish(List<AgentEvent> events) {
        EventPublisher t = target;
        if (t == null) {
            return CompletableFuture.failedFuture(
                    new PublishException("the gateway is still connecting to Kafka", null));
        }
        return t.publish(events);
    }

    @Override
    public boolean ready() {
        EventPublisher t = target;
        return t != null && t.ready();
    }

    @Override
    public void close() {
        closed = true;
        EventPublisher t = target;
        if (t != null) {
            t.close();
        }
    }
}
