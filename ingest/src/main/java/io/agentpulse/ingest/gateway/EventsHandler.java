package io.agentpulse.ingest.gateway;

import io.agentpulse.ingest.gateway.Bodies.BodyException;
import io.agentpulse.ingest.json.EventJson;
import io.agentpulse.ingest.json.EventRules;
import io.agentpulse.ingest.json.MalformedJsonException;
import io.agentpulse.ingest.json.ParsedBatch;
import io.agentpulse.ingest.limits.Limits;
import io.agentpulse.ingest.publish.EventPublisher;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code POST /v1/events}. On the event loop: header checks, body collection (BodyHandler, bounded),
 * the answer. On a worker: gunzip, parsing and handing the batch to the publisher (whose send may
 * block for max.block.ms). The answer waits for Kafka's acknowledgement of every accepted event.
 */
final class EventsHandler {
    private final Vertx vertx;
    private final GatewayConfig config;
    private final Supplier<EventRules> rules;
    private final EventPublisher publisher;
    private final GatewayMetrics metrics;
    private final Limits limits;

    /** The result of the worker step: the parsed batch and the pending acknowledgement, if any. */
    private record Handed(ParsedBatch batch, CompletableFuture<Void> acked, Timer.Sample sample) {}

    EventsHandler(Vertx vertx, GatewayConfig config, Supplier<EventRules> rules, EventPublisher publisher,
                  GatewayMetrics metrics, Limits limits) {
        this.limits = limits;
        this.vertx = vertx;
        this.config = config;
        this.rules = rules;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** First handler: refuse early what we will never read, and count the request. */
    void admit(RoutingContext ctx) {
        ctx.addEndHandler(v -> {
            metrics.inFlight().decrementAndGet();
            metrics.request(ctx.response().getStatusCode());
        });
        int now = metrics.inFlight().incrementAndGet();
        try {
            if (Bodies.format(ctx.request().getHeader("Content-Type")) == null) {
                throw new BodyException(415, "media_type", "Content-Type must be application/json (an array of "
                        + "events) or application/x-ndjson (one event per line), not \""
                        + ctx.request().getHeader("Content-Type") + "\".");
            }
            Bodies.gzip(ctx.request().getHeader("Content-Encoding"));
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && parseLength(length) > config.maxBodyBytes()) {
                throw Bodies.tooLarge(config.maxBodyBytes(), "");
            }
        } catch (BodyException e) {
            closeAfterAnswer(ctx);
            refuse(ctx, e);
            return;
        }
        long wait = limits.rate().acquire(ClientKeys.of(ctx));
        if (wait > 0) {
            metrics.refused("rate_limited");
            closeAfterAnswer(ctx);
            ctx.response().putHeader("Retry-After", Long.toString(wait));
            Replies.error(ctx, 429, "This client key sends more than " + limits.config().ratePerKey()
                    + " requests per second; nothing of this batch was read, retry after " + wait + " s.");
            return;
        }
        if (now > config.maxInFlight()) {
            metrics.refused("overloaded");
            closeAfterAnswer(ctx);
            Replies.unavailable(ctx, 1, "The gateway is handling " + config.maxInFlight()
                    + " requests already; nothing of this batch was acknowledged, retry it.");
            return;
        }
        ctx.next(); // BodyHandler answers "Expect: 100-continue" (curl waits 1 s for it on bodies > 1 KiB)
    }

    /**
     * Refused before its body was read: on HTTP/1.x the unread body still occupies the connection,
     * so it cannot carry another request. The request may be paused (BearerAuth pauses it while a key is
     * checked): resume it with no data handler, so the rest of the body is discarded and the request can
     * end; a paused request never ends, and the client, still writing its body, would never read the answer.
     */
    static void closeAfterAnswer(RoutingContext ctx) {
        if (ctx.request().version() != HttpVersion.HTTP_2) {
            ctx.response().putHeader("Connection", "close");
        }
        ctx.request().resume();
    }

    private static long parseLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1; // Vert.x rejects a malformed Content-Length itself
        }
    }

    /** Second handler, after BodyHandler collected the body. */
    void handle(RoutingContext ctx) {
        byte[] raw = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        metrics.received(raw.length);
        Bodies.Format format = Bodies.format(ctx.request().getHeader("Content-Type"));
        String encoding = ctx.request().getHeader("Content-Encoding");
        Context context = vertx.getOrCreateContext();
        vertx.executeBlocking(() -> parseAndHand(raw, format, encoding), false)
                .onSuccess(handed -> answerWhenAcked(ctx, context, handed))
                .onFailure(error -> refuseParsed(ctx, error));
    }

    private Handed parseAndHand(byte[] raw, Bodies.Format format, String encoding) throws Exception {
        byte[] body = Bodies.gzip(encoding) ? Bodies.gunzip(raw, config.maxBodyBytes()) : raw;
        EventRules r = rules.get();
        ParsedBatch batch = format == Bodies.Format.NDJSON ? EventJson.parseNdjson(body, r) : EventJson.parseArray(body, r);
        if (batch.total() > limits.config().maxBatchEvents()) {
            throw new BodyException(413, "too_many_events", "The batch has " + batch.total() + " events; at most "
                    + limits.config().maxBatchEvents() + " per request, send smaller batches.");
        }
        if (batch.events().isEmpty()) {
            return new Handed(batch, null, null);
        }
        batch = new ParsedBatch(batch.events().stream().map(limits.cardinality()::apply).toList(),
                batch.rejections(), batch.unknownFields());
        Timer.Sample sample = metrics.startPublish();
        CompletableFuture<Void> acked;
        try {
            acked = publisher.publish(batch.events());
        } catch (RuntimeException e) {
            acked = CompletableFuture.failedFuture(e);
        }
        // Kafka bounds its own wait by delivery.timeout.ms; this guards any other publisher.
        long guardMs = config.sendTimeout().plus(Duration.ofSeconds(2)).toMillis();
        return new Handed(batch, acked.orTimeout(guardMs, TimeUnit.MILLISECONDS), sample);
    }

    private void answerWhenAcked(RoutingContext ctx, Context context, Handed handed) {
        ParsedBatch batch = handed.batch();
        metrics.unknownFields(batch.unknownFields());
        metrics.rejected(batch.rejections());
        if (handed.acked() == null) {
            // Nothing valid: 400 with the per-event reasons; an empty batch is a harmless no-op.
            Replies.batch(ctx, batch.total() == 0 ? 202 : 400, 0, batch.rejections());
            return;
        }
        Future.fromCompletionStage(handed.acked(), context).onComplete(ar -> {
            metrics.published(handed.sample(), ar.succeeded());
            if (ar.succeeded()) {
                metrics.accepted(batch.events().size());
                Replies.batch(ctx, 202, batch.events().size(), batch.rejections());
            } else {
                metrics.refused("unavailable");
                Replies.unavailable(ctx, config.retryAfterSeconds(), "Kafka did not acknowledge the batch ("
                        + Replies.cause(ar.cause()) + "); nothing of it was accepted, retry the whole batch "
                        + "(events already written are deduplicated by event_id).");
            }
        });
    }

    private void refuseParsed(RoutingContext ctx, Throwable error) {
        if (error instanceof MalformedJsonException m) {
            metrics.refused("malformed");
            Replies.error(ctx, 400, m.getMessage() + ".");
        } else if (error instanceof BodyException b) {
            refuse(ctx, b);
        } else {
            metrics.refused("internal");
            Replies.error(ctx, 500, "The gateway failed to read the batch: " + error + ".");
        }
    }

    private void refuse(RoutingContext ctx, BodyException e) {
        metrics.refused(e.reason);
        Replies.error(ctx, e.status, e.getMessage());
    }
}
