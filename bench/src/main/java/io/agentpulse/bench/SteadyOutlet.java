package io.agentpulse.bench;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.contract.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where {@link SteadyLoad} sends: Avro records straight to the events topic, or JSON batches (one per
 * 10 ms tick) through the HTTP gateway, as agents without a Kafka client do. {@code acked} counts the
 * events the broker acknowledged or the gateway answered 202 for.
 */
public interface SteadyOutlet {
    void send(AgentEvent e);

    /** The end of a pacing tick: the gateway outlet posts what the tick gathered. */
    default void endOfTick() {}

    /** Waits until everything sent was answered. */
    void flush();

    AtomicLong acked();

    static SteadyOutlet avro(KafkaProducer<String, AgentEvent> producer) {
        AtomicLong acked = new AtomicLong();
        return new SteadyOutlet() {
            @Override
            public void send(AgentEvent e) {
                producer.send(new ProducerRecord<>(Topics.EVENTS, e.getAgentId(), e), (m, x) -> {
                    if (x == null) {
                        acked.incrementAndGet();
                    }
                });
            }

            @Override
            public void flush() {
                producer.flush();
            }

            @Override
            public AtomicLong acked() {
                return acked;
            }
        };
    }

    static SteadyOutlet gateway(HttpClient http, String gatewayUrl, String ingestKey) {
        return new Gateway(http, URI.create(gatewayUrl + "/v1/events"), ingestKey);
    }

    /** JSON batches, posted without waiting (the pacing must not depend on the answer time). */
    final class Gateway implements SteadyOutlet {
        private final HttpClient http;
        private final URI uri;
        private final String key;
        private final AtomicLong acked = new AtomicLong();
        private final List<CompletableFuture<?>> inFlight = new ArrayList<>();
        private StringBuilder batch = new StringBuilder("[");
        private int n;

        Gateway(HttpClient http, URI uri, String key) {
            this.http = http;
            this.uri = uri;
            this.key = key;
        }

        @Override
        public void send(AgentEvent e) {
            batch.append(n++ == 0 ? "" : ",").append("{\"event_id\":\"").append(e.getEventId())
                    .append("\",\"event_time\":").append(e.getEventTime().toEpochMilli())
                    .append(",\"agent_id\":\"").append(e.getAgentId()).append("\",\"model\":\"").append(e.getModel())
                    .append("\",\"provider\":\"").append(e.getProvider()).append("\",\"operation\":\"").append(e.getOperation())
                    .append("\",\"latency_ms\":").append(e.getLatencyMs()).append(",\"ttft_ms\":").append(e.getTtftMs())
                    .append(",\"input_tokens\":").append(e.getInputTokens()).append(",\"output_tokens\":").append(e.getOutputTokens())
                    .append(",\"status\":\"").append(e.getStatus()).append("\"}");
        }

        @Override
        public void endOfTick() {
            if (n == 0) {
                return;
            }
            int events = n;
            HttpRequest req = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString(batch.append(']').toString())).build();
            inFlight.removeIf(CompletableFuture::isDone);
            inFlight.add(http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).thenAccept(r -> {
                if (r.statusCode() == 202) {
                    acked.addAndGet(events);
                }
            }));
            batch = new StringBuilder(events * 300).append('[');
            n = 0;
        }

        @Override
        public void flush() {
            endOfTick();
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(x -> null).join();
        }

        @Override
        public AtomicLong acked() {
            return acked;
        }
    }
}
