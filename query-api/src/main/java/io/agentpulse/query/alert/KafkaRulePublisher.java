package io.agentpulse.query.alert;

import io.agentpulse.ops.KafkaClients;
import io.agentpulse.contract.Topics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** An idempotent producer of rule JSON; the future completes when the broker acknowledged (acks=all). */
final class KafkaRulePublisher implements RulePublisher {
    private final KafkaProducer<String, String> producer;
    /** send() may block on metadata (max.block.ms): never on the event loop. */
    private final java.util.concurrent.ExecutorService sender = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "agentpulse-rule-publisher");
        t.setDaemon(true);
        return t;
    });

    KafkaRulePublisher(KafkaClients kafka) {
        this.producer = kafka.producer(Map.<String, Object>of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000),
                new StringSerializer(), new StringSerializer());
    }

    @Override
    public Future<Void> publish(String id, String jsonOrNull) {
        Promise<Void> p = Promise.promise();
        sender.execute(() -> {
            try {
                producer.send(new ProducerRecord<>(Topics.ALERT_RULES, id, jsonOrNull), (md, err) -> {
                    if (err == null) {
                        p.tryComplete();
                    } else {
                        p.tryFail(err);
                    }
                });
            } catch (RuntimeException e) {
                p.tryFail(e);
            }
        });
        return p.future();
    }

    @Override
    public void close() {
        sender.shutdown();
        producer.close(Duration.ofSeconds(2));
    }
}
