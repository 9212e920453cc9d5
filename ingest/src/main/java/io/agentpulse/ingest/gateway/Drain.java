package io.agentpulse.ingest.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Graceful drain of the gateway's ingest routes. Before the server stops: requests already in flight
 * finish (their batch is answered 202 or 503 as usual), new ones are answered 503 with
 * {@code Connection: close} and Retry-After (nothing acknowledged: the client sends the batch to
 * another gateway; the closed connection makes its next request open a new one, which the load
 * balancer routes elsewhere), and /readyz turns 503. Counters are touched from event loops only
 * through atomics.
 */
final class Drain {
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Promise<Void> idle = Promise.promise();
    private final int retryAfterSeconds;

    Drain(int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** First handler of /v1/*: counts the request until its response ends, or refuses it while draining. */
    void gate(RoutingContext ctx) {
        if (draining.get()) {
            EventsHandler.closeAfterAnswer(ctx);
            Replies.unavailable(ctx, retryAfterSeconds,
                    "This gateway is shutting down; nothing of this batch was acknowledged, send it again (another gateway will take it).");
            return;
        }
        inFlight.incrementAndGet();
        ctx.addEndHandler(v -> {
            if (inFlight.decrementAndGet() == 0 && draining.get()) {
                idle.tryComplete();
            }
        });
        ctx.next();
    }

    boolean draining() {
        return draining.get();
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Starts draining; completes once no request is in flight. */
    Future<Void> start() {
        draining.set(true);
        if (inFlight.get() == 0) {
            idle.tryComplete();
        }
        return idle.future();
    }
}
