package io.agentpulse.ingest.gateway;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.ingest.gateway.Bodies.BodyException;
import io.agentpulse.ingest.json.EventRules;
import io.agentpulse.ingest.limits.Limits;
import io.agentpulse.ingest.otlp.GenAiMapper;
import io.agentpulse.ingest.otlp.OtlpFormatException;
import io.agentpulse.ingest.otlp.OtlpJson;
import io.agentpulse.ingest.otlp.OtlpProto;
import io.agentpulse.ingest.otlp.OtlpSpan;
import io.agentpulse.ingest.publish.EventPublisher;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * OTLP/HTTP {@code POST /v1/traces} (protobuf or JSON, optionally gzip). GenAI spans become events
 * ({@link GenAiMapper}); the answer is 200 with an ExportTraceServiceResponse (partial_success names
 * the rejected spans) once Kafka acknowledged every event; 429/503 carry Retry-After.
 */
final class TracesHandler {
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";
    /** google.rpc.Code values for the Status body of error answers. */
    private static final int INVALID_ARGUMENT = 3;
    private static final int RESOURCE_EXHAUSTED = 8;
    private static final int UNAVAILABLE = 14;

    private final Vertx vertx;
    private final GatewayConfig config;
    private final Supplier<EventRules> rules;
    private final EventPublisher publisher;
    private final GatewayMetrics metrics;
    private final Limits limits;

    private record Handed(int spans, GenAiMapper.Mapped mapped, CompletableFuture<Void> acked) {}

    TracesHandler(Vertx vertx, GatewayConfig config, Supplier<EventRules> rules, EventPublisher publisher,
                  GatewayMetrics metrics, Limits limits) {
        this.vertx = vertx;
        this.config = config;
        this.rules = rules;
        this.publisher = publisher;
        this.metrics = metrics;
        this.limits = limits;
    }

    static boolean protobuf(RoutingContext ctx) {
        return !JSON.equals(mediaType(ctx));
    }

    private static String mediaType(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null) {
            return null;
        }
        int semi = type.indexOf(';');
        return (semi < 0 ? type : type.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    void admit(RoutingContext ctx) {
        ctx.addEndHandler(v -> {
            metrics.inFlight().decrementAndGet();
            metrics.otlpRequest(ctx.response().getStatusCode());
        });
        int now = metrics.inFlight().incrementAndGet();
        String type = mediaType(ctx);
        try {
            if (!PROTOBUF.equals(type) && !JSON.equals(type)) {
                throw new BodyException(415, "media_type", "Content-Type must be application/x-protobuf or "
                        + "application/json (OTLP/HTTP), not \"" + ctx.request().getHeader("Content-Type") + "\".");
            }
            Bodies.gzip(ctx.request().getHeader("Content-Encoding"));
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && length.trim().matches("\\d{1,18}") && Long.parseLong(length.trim()) > config.maxBodyBytes()) {
                throw Bodies.tooLarge(config.maxBodyBytes(), "");
            }
        } catch (BodyException e) {
            EventsHandler.closeAfterAnswer(ctx);
            refuse(ctx, e.status, e.reason, e.getMessage());
            return;
        }
        long wait = limits.rate().acquire(ClientKeys.of(ctx));
        if (wait > 0) {
            EventsHandler.closeAfterAnswer(ctx);
            ctx.response().putHeader("Retry-After", Long.toString(wait));
            refuse(ctx, 429, "rate_limited", "This client key sends more than " + limits.config().ratePerKey()
                    + " requests per second; retry after " + wait + " s.");
            return;
        }
        if (now > config.maxInFlight()) {
            EventsHandler.closeAfterAnswer(ctx);
            ctx.response().putHeader("Retry-After", "1");
            refuse(ctx, 503, "overloaded", "The gateway is handling " + config.maxInFlight() + " requests already; retry.");
            return;
        }
        ctx.next();
    }

    void handle(RoutingContext ctx) {
        byte[] raw = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        metrics.received(raw.length);
        boolean proto = protobuf(ctx);
        String encoding = ctx.request().getHeader("Content-Encoding");
        Context context = vertx.getOrCreateContext();
        vertx.executeBlocking(() -> decodeAndHand(raw, proto, encoding), false)
                .onSuccess(handed -> answerWhenAcked(ctx, context, handed))
                .onFailure(error -> {
                    if (error instanceof BodyException b) {
                        refuse(ctx, b.status, b.reason, b.getMessage());
                    } else if (error instanceof OtlpFormatException f) {
                        refuse(ctx, 400, "malformed", f.getMessage());
                    } else {
                        refuse(ctx, 500, "internal", "The gateway failed to read the spans: " + error + ".");
                    }
                });
    }

    private Handed decodeAndHand(byte[] raw, boolean proto, String encoding) throws Exception {
        byte[] body = Bodies.gzip(encoding) ? Bodies.gunzip(raw, config.maxBodyBytes()) : raw;
        List<OtlpSpan> spans = proto ? OtlpProto.decode(body) : OtlpJson.decode(body);
        if (spans.size() > limits.config().maxBatchEvents()) {
            throw new BodyException(413, "too_many_events", "The request carries " + spans.size()
                    + " spans; at most " + limits.config().maxBatchEvents() + " per request, send smaller batches.");
        }
        GenAiMapper.Mapped mapped = new GenAiMapper(rules.get()).map(spans);
        if (mapped.events().isEmpty()) {
            return new Handed(spans.size(), mapped, null);
        }
        List<AgentEvent> events = new ArrayList<>(mapped.events().size());
        for (AgentEvent e : mapped.events()) {
            events.add(limits.cardinality().apply(e));
        }
        CompletableFuture<Void> acked;
        try {
            acked = publisher.publish(events);
        } catch (RuntimeException e) {
            acked = CompletableFuture.failedFuture(e);
        }
        long guardMs = config.sendTimeout().plus(Duration.ofSeconds(2)).toMillis();
        return new Handed(spans.size(), mapped, acked.orTimeout(guardMs, TimeUnit.MILLISECONDS));
    }

    private void answerWhenAcked(RoutingContext ctx, Context context, Handed handed) {
        GenAiMapper.Mapped mapped = handed.mapped();
        metrics.rejected(mapped.rejections());
        metrics.spans(mapped.events().size(), mapped.rejections().size(), mapped.ignored());
        if (handed.acked() == null) {
            answer(ctx, mapped);
            return;
        }
        Future.fromCompletionStage(handed.acked(), context).onComplete(ar -> {
            if (ar.succeeded()) {
                metrics.accepted(mapped.events().size());
                answer(ctx, mapped);
            } else {
                ctx.response().putHeader("Retry-After", Integer.toString(config.retryAfterSeconds()));
                refuse(ctx, 503, "unavailable", "Kafka did not acknowledge the spans (" + Replies.cause(ar.cause())
                        + "); retry the whole request.");
            }
        });
    }

    private void answer(RoutingContext ctx, GenAiMapper.Mapped mapped) {
        int rejected = mapped.rejections().size();
        String message = rejected == 0 ? "" : rejected + " span(s) rejected; first: span " + mapped.rejections().get(0).index()
                + " " + mapped.rejections().get(0).field() + " " + mapped.rejections().get(0).reason();
        if (protobuf(ctx)) {
            send(ctx, 200, PROTOBUF, Buffer.buffer(OtlpProto.response(rejected, message)));
        } else {
            send(ctx, 200, JSON, Buffer.buffer(OtlpJson.response(rejected, message)));
        }
    }

    private void refuse(RoutingContext ctx, int status, String reason, String message) {
        metrics.refused(reason);
        int code = status == 429 ? RESOURCE_EXHAUSTED : status >= 500 ? UNAVAILABLE : INVALID_ARGUMENT;
        if (PROTOBUF.equals(mediaType(ctx))) {
            send(ctx, status, PROTOBUF, Buffer.buffer(OtlpProto.status(code, message)));
        } else {
            send(ctx, status, JSON, Buffer.buffer(OtlpJson.status(code, message)));
        }
    }

    private static void send(RoutingContext ctx, int status, String type, Buffer body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", type).end(body);
    }
}
