package io.agentpulse.processor.alert.notify;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.ops.CounterSpec;
import io.agentpulse.ops.KafkaClients;
import io.agentpulse.contract.Topics;
import io.agentpulse.contract.registry.SchemaRegistryClient;
import io.agentpulse.contract.serde.AvroDeserializer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer of agentpulse.alerts (read_committed, own group) that hands each record to a handler
 * and commits only after the handler returned: at least once. A handler failure is retried after
 * {@link #RETRY} from the last committed offset; an undecodable record is skipped and counted.
 */
public final class AlertLoop implements Runnable, AutoCloseable {
    static final CounterSpec RECORDS = new CounterSpec("agentpulse_alert_consumer_records_total",
            "Alert records read by the alert consumers (history, notifier), by consumer and outcome: ok, undecodable, retry",
            "consumer", "outcome");
    private static final Logger LOG = LoggerFactory.getLogger(AlertLoop.class);
    static final Duration RETRY = Duration.ofSeconds(2);

    /** What is done with each alert event; may throw to have the batch retried. */
    public interface Handler {
        void handle(AlertEvent e) throws Exception;
    }

    private final KafkaConsumer<String, AlertEvent> consumer;
    private final Handler handler;
    private final MeterRegistry meters;
    private final String name;
    private volatile boolean running = true;

    public AlertLoop(String name, KafkaClients kafka, String groupId, SchemaRegistryClient registry, Handler handler, MeterRegistry meters) {
        Properties p = new Properties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        this.consumer = kafka.consumer(p, new StringDeserializer(), new AvroDeserializer<>(registry, AlertEvent.class));
        this.handler = handler;
        this.meters = meters;
        this.name = name;
    }

    /** Starts the loop on a daemon thread named after it. */
    public AlertLoop start() {
        Thread t = new Thread(this, "agentpulse-" + name);
        t.setDaemon(true);
        t.start();
        return this;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.ALERTS));
            while (running) {
                pollOnce();
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void pollOnce() {
        try {
            for (ConsumerRecord<String, AlertEvent> rec : consumer.poll(Duration.ofMillis(200))) {
                if (rec.value() != null) {
                    handler.handle(rec.value());
                    RECORDS.counter(meters, name, "ok").increment();
                }
            }
            consumer.commitSync();
        } catch (RecordDeserializationException e) {
            RECORDS.counter(meters, name, "undecodable").increment();
            LOG.warn("{}: skipping undecodable alert at {}@{}", name, e.topicPartition(), e.offset());
            consumer.seek(e.topicPartition(), e.offset() + 1);
        } catch (WakeupException e) {
            throw e;
        } catch (Exception e) {
            RECORDS.counter(meters, name, "retry").increment();
            LOG.warn("{}: handling failed, retrying from the last commit: {}", name, e.toString());
            rewind();
        }
    }

    private void rewind() {
        for (var tp : consumer.assignment()) {
            var committed = consumer.committed(java.util.Set.of(tp)).get(tp);
            if (committed != null) {
                consumer.seek(tp, committed.offset());
            } else {
                consumer.seekToBeginning(List.of(tp));
            }
        }
        try {
            Thread.sleep(RETRY.toMillis()); // a pause before retrying a failing database or channel
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
