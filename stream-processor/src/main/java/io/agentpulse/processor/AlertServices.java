package io.agentpulse.processor;

import io.agentpulse.processor.alert.AlertConfig;
import io.agentpulse.processor.alert.RuleSync;
import io.agentpulse.processor.alert.notify.AlertLoop;
import io.agentpulse.processor.alert.notify.HistoryWriter;
import io.agentpulse.notify.Senders;
import io.agentpulse.processor.alert.notify.JdbcNotifyRepo;
import io.agentpulse.processor.alert.notify.Notifier;
import io.agentpulse.contract.registry.SchemaRegistryClient;
import io.agentpulse.processor.config.ProcessorConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor's alert companions: rule sync at start (default pack, republish), the alert
 * history writer and the notifier, each a consumer of agentpulse.alerts in its own group.
 */
final class AlertServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertServices.class);
    private final List<AlertLoop> loops;

    private AlertServices(List<AlertLoop> loops) {
        this.loops = loops;
    }

    static AlertServices start(ProcessorConfig config, AlertConfig alerts, SchemaRegistryClient registry, DataSource ds,
                               MeterRegistry meters) {
        List<AlertLoop> loops = new ArrayList<>();
        if (!alerts.enabled()) {
            return new AlertServices(loops);
        }
        try (KafkaProducer<String, String> producer = config.kafka().producer(Map.of(ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            LOG.info("Published {} alert rules", RuleSync.run(ds, producer).size());
        } catch (RuntimeException e) {
            LOG.warn("Alert rules were not synchronised at start (the topic keeps its last rules): {}", e.getMessage());
        }
        loops.add(new AlertLoop("alert-history", config.kafka(), alerts.historyGroup(), registry,
                new HistoryWriter(ds), meters).start());
        if (alerts.notifierEnabled()) {
            Notifier notifier = new Notifier(new JdbcNotifyRepo(ds, alerts.webhookUrl()), new Senders(alerts.sendTimeout()),
                    Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), alerts.maxAttempts(), alerts.backoff(), meters);
            loops.add(new AlertLoop("notifier", config.kafka(), alerts.notifierGroup(), registry, notifier, meters).start());
        }
        return new AlertServices(loops);
    }

    @Override
    public void close() {
        loops.forEach(AlertLoop::close);
    }
}
