package io.agentpulse.ingest.gateway;

import io.agentpulse.ingest.json.Rejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The gateway's meters; names are Micrometer's dotted form (Prometheus: agentpulse_gateway_...). */
final class GatewayMetrics {
    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter unknownFields;
    private final DistributionSummary bytes;
    private final Timer publishOk;
    private final Timer publishFailed;
    private final AtomicInteger inFlight = new AtomicInteger();

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("agentpulse.gateway.events.accepted")
                .description("Events acknowledged by Kafka and answered 202").register(registry);
        this.unknownFields = Counter.builder("agentpulse.gateway.unknown.fields")
                .description("Unknown JSON fields skipped (clients speaking a newer format)").register(registry);
        this.bytes = DistributionSummary.builder("agentpulse.gateway.received").baseUnit("bytes")
                .description("Request bodies as received (before gunzip)").register(registry);
        this.publishOk = publishTimer("ok");
        this.publishFailed = publishTimer("failed");
        registry.gauge("agentpulse.gateway.requests.in.flight", inFlight);
    }

    private Timer publishTimer(String outcome) {
        return Timer.builder("agentpulse.gateway.publish.latency").tag("outcome", outcome)
                .description("From handing a batch to the publisher to Kafka's acknowledgement of all of it")
                .register(registry);
    }

    AtomicInteger inFlight() {
        return inFlight;
    }

    void request(int status) {
        registry.counter("agentpulse.gateway.requests", "status", Integer.toString(status)).increment();
    }

    void received(long byteCount) {
        bytes.record(byteCount);
    }

    void accepted(int count) {
        accepted.increment(count);
    }

    void unknownFields(int count) {
        if (count > 0) {
            unknownFields.increment(count);
        }
    }

    /** One count per rejected event, by reason code and field (both bounded sets). */
    void rejected(List<Rejection> rejections) {
        for (Rejection r : rejections) {
            registry.counter("agentpulse.gateway.events.rejected", "reason", r.code(), "field", r.fieldTag())
                    .increment();
        }
    }

    /** Whole requests refused before any event was read (malformed, too_large, unavailable, ...). */
    void refused(String reason) {
        registry.counter("agentpulse.gateway.requests.refused", "reason", reason).increment();
    }

    /**
     * Requests the access policy refused, by reason: missing-credentials, malformed, unknown-key, revoked,
     * expired, forbidden, unavailable (key store down), not-found (undeclared route). Never the token.
     */
    void authRefused(String reason) {
        Counter.builder("agentpulse.gateway.auth.refused").tag("reason", reason)
                .description("Requests the access policy refused, by reason").register(registry).increment();
    }

    /** Answers to OTLP {@code /v1/traces}, by HTTP status. */
    void otlpRequest(int status) {
        registry.counter("agentpulse.gateway.otlp.requests", "status", Integer.toString(status)).increment();
    }

    /** OTLP spans by outcome: accepted (became events), rejected (invalid GenAI spans), ignored (not GenAI). */
    void spans(int accepted, int rejected, int ignored) {
        registry.counter("agentpulse.gateway.otlp.spans", "outcome", "accepted").increment(accepted);
        registry.counter("agentpulse.gateway.otlp.spans", "outcome", "rejected").increment(rejected);
        registry.counter("agentpulse.gateway.otlp.spans", "outcome", "ignored").increment(ignored);
    }

    Timer.Sample startPublish() {
        return Timer.start(registry);
    }

    void published(Timer.Sample sample, boolean ok) {
        sample.stop(ok ? publishOk : publishFailed);
    }
}
