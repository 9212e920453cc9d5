package io.agentpulse.processor.sink;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.WindowRollup;
import io.agentpulse.ops.CounterSpec;
import io.agentpulse.processor.topology.PulseTopology;
import io.agentpulse.contract.Topics;
import io.agentpulse.contract.registry.SchemaRegistryClient;
import io.agentpulse.contract.serde.AvroDeserializer;
import io.agentpulse.contract.serde.WireFormatException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL sink: a plain consumer (read_committed, manual commit) of the rollups and
 * enriched-events topics. Each polled batch is written, retried with backoff until it is, and only
 * then are its offsets committed: a crash replays the batch, which the idempotent writes absorb.
 */
public final class SinkLoop implements Runnable, AutoCloseable {
    static final CounterSpec RECORDS = new CounterSpec("agentpulse.sink.records",
            "Records the sink wrote to PostgreSQL, by source topic", "topic");
    static final CounterSpec RETRIES = new CounterSpec("agentpulse.sink.retries", "Failed batch writes, retried");
    static final CounterSpec UNDECODABLE = new CounterSpec("agentpulse.sink.undecodable", "Records skipped: not decodable");
    private static final Logger LOG = LoggerFactory.getLogger(SinkLoop.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Consumer<String, byte[]> consumer;
    private final AvroDeserializer<WindowRollup> rollupReader;
    private final AvroDeserializer<AgentEvent> eventReader;
    private final RollupSink rollups;
    private final EventSink events;
    private final PartitionMaintenance maintenance;
    private final Counter rollupRows;
    private final Counter eventRows;
    private final Counter retries;
    private final Counter undecodable;
    private final Object sleeper = new Object();
    private volatile boolean running = true;
    private volatile boolean connected;

    public SinkLoop(Consumer<String, byte[]> consumer, SchemaRegistryClient registry, RollupSink rollups, EventSink events,
                    DataSource dataSource, Clock clock, MeterRegistry meters) {
        this.consumer = consumer;
        this.rollupReader = new AvroDeserializer<>(registry, WindowRollup.class);
        this.eventReader = new AvroDeserializer<>(registry, AgentEvent.class);
        this.rollups = rollups;
        this.events = events;
        this.maintenance = dataSource == null ? null : new PartitionMaintenance(dataSource, clock);
        this.rollupRows = RECORDS.counter(meters, "rollups");
        this.eventRows = RECORDS.counter(meters, "events");
        this.retries = RETRIES.counter(meters);
        this.undecodable = UNDECODABLE.counter(meters);
    }

    /** True once the database answered and until a write fails. */
    public boolean connected() {
        return connected;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.ROLLUPS, Topics.EVENTS_ENRICHED));
            if (maintenance != null) {
                retry(maintenance::ensure);
            }
            connected = true;
            while (running) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(200));
                if (maintenance != null) {
                    maintenance.maybeRun();
                }
                if (!batch.isEmpty()) {
                    retry(() -> write(batch));
                    commit();
                }
            }
        } catch (WakeupException | Stopped e) {
            LOG.debug("Sink loop stopping");
        } finally {
            connected = false;
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void write(ConsumerRecords<String, byte[]> batch) {
        List<WindowRollup> rs = new ArrayList<>();
        List<EnrichedEvent> es = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : batch) {
            try {
                if (r.topic().equals(Topics.ROLLUPS)) {
                    rs.add(rollupReader.deserialize(r.topic(), r.value()));
                } else {
                    es.add(new EnrichedEvent(priced(eventReader.deserialize(r.topic(), r.value()), r), header(r, PulseTopology.COST_SOURCE_HEADER),
                            header(r, PulseTopology.PRICE_VERSION_HEADER)));
                }
            } catch (WireFormatException e) {
                undecodable.increment(); // our own topics: only a foreign producer can cause this
                LOG.warn("Skipping undecodable record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            }
        }
        rs.removeIf(java.util.Objects::isNull);
        es.removeIf(e -> e.event() == null);
        events.insert(es);
        rollups.upsert(rs);
        eventRows.increment(es.size());
        rollupRows.increment(rs.size());
    }

    /** The event with the catalog price stage 1 put in a header (the bytes are the agent's, unpriced). */
    private static AgentEvent priced(AgentEvent e, ConsumerRecord<String, byte[]> r) {
        Header h = r.headers().lastHeader(PulseTopology.COST_USD_HEADER);
        if (e != null && e.getCostUsd() == null && h != null) {
            e.setCostUsd(Double.parseDouble(new String(h.value(), StandardCharsets.UTF_8)));
        }
        return e;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private void commit() {
        try {
            consumer.commitSync();
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // the batch is in the database; a rebalance replays it and the idempotent writes absorb that
            LOG.warn("Offset commit failed after a successful write; the batch will be replayed: {}", e.getMessage());
        }
    }

    /** Runs the action until it succeeds or the loop is closed; backoff 100 ms doubling to 5 s. */
    private void retry(Runnable action) {
        long backoff = FIRST_BACKOFF.toMillis();
        while (true) {
            try {
                action.run();
                connected = true;
                return;
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                connected = false;
                retries.increment();
                LOG.warn("Sink write failed, retrying in {} ms: {}", backoff, e.getMessage());
                pause(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    private void pause(long ms) {
        synchronized (sleeper) {
            if (!running) {
                throw new Stopped();
            }
            try {
                sleeper.wait(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopped();
            }
            if (!running) {
                throw new Stopped();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        consumer.wakeup();
    }

    /** Unwinds the loop on close without committing. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
