package io.agentpulse.processor.alert;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.contract.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Publishes to agentpulse.alerts with a producer made with acks=all and the alert serde (Confluent wire format). */
public final class KafkaAlertPublisher implements AlertPublisher {
    private final Producer<String, AlertEvent> producer;

    public KafkaAlertPublisher(Producer<String, AlertEvent> producer) {
        this.producer = producer;
    }

    @Override
    public void publish(List<AlertEvent> events) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (AlertEvent e : events) {
            sent.add(producer.send(new ProducerRecord<>(Topics.ALERTS, e.getFingerprint(), e)));
        }
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing alerts", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Publishing alerts failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
