package io.agentpulse.client;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records agent events asynchronously: {@link #record} puts the event in a bounded in-memory queue and
 * returns at once (never blocks, never throws); one background thread sends batches through a
 * {@link Transport}, retrying retryable failures a bounded number of times. What had to be dropped
 * (queue full, closed, transport failures) is counted in {@link #stats()}. {@link #close()} flushes.
 *
 * <pre>{@code
 * try (AgentPulseRecorder pulse = AgentPulseRecorder.builder()
 *         .agentId("support-bot").gateway("http://localhost:4318", System.getenv("AGENTPULSE_API_KEY")).build()) {
 *     pulse.record(pulse.event().setOperation("chat").setModel("gpt-4o").setLatencyMs(812.0)
 *             .setInputTokens(1200L).setOutputTokens(300L));
 * }
 * }</pre>
 */
public final class AgentPulseRecorder implements AutoCloseable {
    /** System.Logger: the agent's own logging gets these through its bridge; the client brings no backend. */
    private static final System.Logger LOG = System.getLogger(AgentPulseRecorder.class.getName());
    private final BlockingQueue<PulseEvent> queue;
    private final Transport transport;
    private final int batchSize;
    private final Duration flushInterval;
    private final int maxAttempts;
    private final Duration closeTimeout;
    private final Clock clock;
    private final String agentId;
    private final String environment;
    private final RecorderStats stats = new RecorderStats();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread sender;

    private AgentPulseRecorder(Builder b) {
        this.queue = new ArrayBlockingQueue<>(b.capacity);
        if (b.transport == null) {
            throw new IllegalStateException("A recorder needs a destination: call gateway(url, apiKey), kafka(options) or transport(t) before build().");
        }
        this.transport = b.transport;
        this.batchSize = b.batchSize;
        this.flushInterval = b.flushInterval;
        this.maxAttempts = b.maxAttempts;
        this.closeTimeout = b.closeTimeout;
        this.clock = b.clock;
        this.agentId = b.agentId;
        this.environment = b.environment;
        this.sender = new Thread(this::run, "agentpulse-recorder");
        sender.setDaemon(true); // never keeps the agent's JVM alive
        sender.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder pre-filled with a fresh event id, the current time, the recorder's agent id and
     * environment, kind SPAN and status OK; set what you know and pass it to {@link #record}.
     */
    public PulseEvent.Builder event() {
        PulseEvent.Builder b = PulseEvent.builder().setEventId(UUID.randomUUID().toString())
                .setEventTime(clock.instant()).setAgentId(agentId).setKind(PulseEvent.Kind.SPAN).setStatus(PulseEvent.Status.OK);
        if (environment != null) {
            b.setEnvironment(environment);
        }
        return b;
    }

    /** Builds and records; see {@link #record(PulseEvent)}. */
    public boolean record(PulseEvent.Builder event) {
        try {
            return record(event.build());
        } catch (RuntimeException e) { // a required field is missing: the agent must not fail for it
            stats.dropped("invalid", 1);
            return false;
        }
    }

    /**
     * Queues the event for sending. Never blocks and never throws.
     *
     * @return false when it was dropped (queue full or recorder closed), which is counted
     */
    public boolean record(PulseEvent event) {
        if (event == null) {
            stats.dropped("invalid", 1);
            return false;
        }
        if (closed.get()) {
            stats.dropped("closed", 1);
            return false;
        }
        if (!queue.offer(event)) {
            stats.dropped("queue_full", 1);
            return false;
        }
        stats.countRecorded();
        return true;
    }

    public RecorderStats stats() {
        return stats;
    }

    private void run() {
        List<PulseEvent> batch = new ArrayList<>(batchSize);
        while (!closed.get() || !queue.isEmpty()) {
            try {
                PulseEvent first = queue.poll(flushInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                deliver(batch);
            } catch (InterruptedException e) {
                // close() timed out: what is still queued is lost, and counted
                stats.dropped("closed", batch.size() + queue.size());
                queue.clear();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void deliver(List<PulseEvent> batch) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                transport.send(batch);
                stats.sent(batch.size());
                return;
            } catch (Transport.RetryableException e) {
                stats.lastError(e.getMessage());
                if (attempt >= maxAttempts) {
                    drop("transport", batch.size(), e);
                    return;
                }
                long backoff = Math.max(e.retryAfterMillis(), 100L << Math.min(attempt, 6));
                Thread.sleep(closed.get() ? Math.min(backoff, 200) : backoff);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                stats.lastError(String.valueOf(e.getMessage()));
                drop("rejected", batch.size(), e);
                return;
            }
        }
    }

    private void drop(String reason, int events, Exception cause) {
        stats.dropped(reason, events);
        LOG.log(System.Logger.Level.WARNING, "Agent Pulse dropped a batch of {0} events ({1}): {2}", events, reason, cause.getMessage());
    }

    /** Stops accepting, sends what is queued (waiting at most the close timeout), closes the transport. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            sender.join(closeTimeout.toMillis());
            if (sender.isAlive()) {
                sender.interrupt();
                sender.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            transport.close();
        }
    }

    /** Settings of a recorder; only a transport is required. */
    public static final class Builder {
        private Transport transport;
        private int capacity = 10_000;
        private int batchSize = 500;
        private Duration flushInterval = Duration.ofMillis(200);
        private int maxAttempts = 5;
        private Duration closeTimeout = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();
        private String agentId = "unknown_agent";
        private String environment;

        private Builder() {}

        /** Send to the gateway's POST /v1/events without a key: only for a gateway behind a trusted proxy. */
        public Builder gateway(String baseUrl) {
            return gateway(baseUrl, null);
        }

        /**
         * Send to the gateway's POST /v1/events (timeout 10 s per request) with an API key of scope ingest
         * ({@code apk_...}, sent as {@code Authorization: Bearer}; an admin creates one, or the operator sets
         * AGENTPULSE_BOOTSTRAP_INGEST_KEY on the gateway).
         */
        public Builder gateway(String baseUrl, String apiKey) {
            return transport(new HttpTransport(baseUrl, apiKey, Duration.ofSeconds(10)));
        }

        /**
         * Produce straight to the events topic as Avro (Confluent wire format, schema registered in the
         * registry of {@code options}). Needs org.apache.kafka:kafka-clients and org.apache.avro:avro in the
         * agent's dependencies; without them this throws an {@link IllegalStateException} saying so.
         */
        public Builder kafka(KafkaOptions options) {
            return transport(KafkaSupport.transport(options));
        }

        public Builder transport(Transport t) {
            this.transport = t;
            return this;
        }

        /** Events held in memory at most; more are dropped (counted), the agent never waits. */
        public Builder capacity(int events) {
            this.capacity = positive(events, "capacity");
            return this;
        }

        public Builder batchSize(int events) {
            this.batchSize = positive(events, "batchSize");
            return this;
        }

        /** How long a partial batch may wait before it is sent. */
        public Builder flushInterval(Duration d) {
            this.flushInterval = d;
            return this;
        }

        /** Attempts per batch for retryable failures (429, 503, network); then the batch is dropped. */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = positive(attempts, "maxAttempts");
            return this;
        }

        public Builder closeTimeout(Duration d) {
            this.closeTimeout = d;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public Builder agentId(String id) {
            this.agentId = id;
            return this;
        }

        public Builder environment(String env) {
            this.environment = env;
            return this;
        }

        public AgentPulseRecorder build() {
            return new AgentPulseRecorder(this);
        }

        private static int positive(int v, String name) {
            if (v < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, not " + v + ".");
            }
            return v;
        }
    }
}
