package io.agentpulse.security.keys;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches "this key was used" for {@link ApiKeyStore#touch}: a request only notes the key id and the time
 * (a map put, no I/O); {@link #flush()}, called every {@link #DEFAULT_INTERVAL} by the service, writes the
 * latest time of each key once. A key sending 10,000 requests a second thus costs one write per interval.
 * Last-used times are therefore late by at most one interval, and a crash loses at most one interval of them.
 */
public final class KeyUsage {
    /** How often services flush; also the precision of the last-used time admins see. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(KeyUsage.class);

    private final ApiKeyStore store;
    private final Clock clock;
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();

    public KeyUsage(ApiKeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Notes a use of the key with this public id (never pass a token). */
    public void used(String keyId) {
        pending.put(keyId, clock.instant());
    }

    /** Writes every noted use; completes when the store answered all of them. Failures are logged, not retried. */
    public Future<Void> flush() {
        List<Future<Void>> writes = new ArrayList<>();
        for (String id : List.copyOf(pending.keySet())) {
            Instant at = pending.remove(id);
            if (at != null) {
                writes.add(store.touch(id, at).onFailure(e ->
                        LOG.warn("Could not record the last use of API key {}: {}", id, e.toString())));
            }
        }
        return Future.join(writes).mapEmpty();
    }

    /** Key ids waiting for the next flush (for tests and metrics). */
    public int pending() {
        return pending.size();
    }
}
