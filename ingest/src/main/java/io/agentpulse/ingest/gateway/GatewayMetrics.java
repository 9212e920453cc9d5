package io.agentpulse.ingest.gateway;

import io.agentpulse.ingest.json.Rejection;
import io.agentpulse.ops.CounterSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The gateway's meters; names are Micrometer's dotted form (Prometheus: agentpulse_gateway_...). */
final class GatewayMetrics {
    static final CounterSpec REQUESTS = new CounterSpec("agentpulse.gateway.requests",
            "Answers to POST /v1/events, by HTTP status", "status");
    static final CounterSpec REJECTED = new CounterSpec("agentpulse.gateway.events.rejected",
            "Events refused by validation, by reason code and field", "reason", "field");
    static final CounterSpec REFUSED = new CounterSpec("agentpulse.gateway.requests.refused",
            "Whole requests refused before any event was read, by reason", "reason");
    static final CounterSpec AUTH_REFUSED = new CounterSpec("agentpulse.gateway.auth.refused",
            "Requests the access policy refused, by reason", "reason");
    static final CounterSpec OTLP_REQUESTS = new CounterSpec("agentpulse.gateway.otlp.requests",
            "Answers to OTLP POST /v1/traces, by HTTP status", "status");
    static final CounterSpec OTLP_SPANS = new CounterSpec("agentpulse.gateway.otlp.spans",
            "OTLP spans received, by outcome: accepted (became events), rejected (invalid GenAI spans), ignored (not GenAI)",
            "outcome");
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
        Gauge.builder("agentpulse.gateway.requests.in.flight", inFlight, AtomicInteger::get)
                .description("Requests being handled now; beyond the limit they are answered 503").register(registry);
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
        REQUESTS.counter(registry, Integer.toString(status)).increment();
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
            REJECTED.counter(registry, r.code(), r.fieldTag()).increment();
        }
    }

    /** Whole requests refused before any event was read (malformed, too_large, unavailable, ...). */
    void refused(String reason) {
        REFUSED.counter(registry, reason).increment();
    }

    /**
     * Requests the access policy refused, by reason: missing-credentials, malformed, unknown-key, revoked,
     * expired, forbidden, unavailable (key store down), not-found (undeclared route). Never the token.
     */
    void authRefused(String reason) {
        AUTH_REFUSED.counter(registry, reason).increment();
    }

    /** Answers to OTLP {@code /v1/traces}, by HTTP status. */
    void otlpRequest(int status) {
        OTLP_REQUESTS.counter(registry, Integer.toString(status)).increment();
    }

    /** OTLP spans by outcome: accepted (became events), rejected (invalid GenAI spans), ignored (not GenAI). */
    void spans(int accepted, int rejected, int ignored) {
        OTLP_SPANS.counter(registry, "accepted").increment(accepted);
        OTLP_SPANS.counter(registry, "rejected").increment(rejected);
        OTLP_SPANS.counter(registry, "ignored").increment(ignored);
    }

    Timer.Sample startPublish() {
        return Timer.start(registry);
    }

    void published(Timer.Sample sample, boolean ok) {
        sample.stop(ok ? publishOk : publishFailed);
    }
}
