package io.agentpulse.processor;

import io.agentpulse.processor.alert.AlertConfig;
import io.agentpulse.processor.alert.AlertTopology;
import io.agentpulse.processor.config.ProcessorConfig;
import io.agentpulse.processor.sink.PostgresEventSink;
import io.agentpulse.processor.sink.PostgresRollupSink;
import io.agentpulse.processor.sink.SinkLoop;
import io.agentpulse.processor.retention.PgPartitionStore;
import io.agentpulse.processor.pricing.PgPriceStore;
import io.agentpulse.processor.pricing.PriceCatalog;
import io.agentpulse.processor.pricing.PriceSync;
import io.agentpulse.processor.pricing.Repricer;
import io.agentpulse.processor.retention.RetentionJob;
import io.agentpulse.processor.calls.AgentCallJob;
import io.agentpulse.processor.hosts.HostRollupJob;
import io.agentpulse.processor.budget.BudgetJob;
import io.agentpulse.contract.serde.TopicSerdes;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import io.agentpulse.contract.db.Migrations;
import io.agentpulse.processor.topology.BoundedRocksDb;
import io.agentpulse.processor.topology.PulseMetrics;
import io.agentpulse.processor.topology.PulseTopology;
import io.agentpulse.contract.TopicSpecs;
import io.agentpulse.contract.registry.SchemaRegistryClient;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running processor: migrations, topics, KafkaStreams (exactly_once_v2) and the PostgreSQL sink. */
public final class ProcessorService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessorService.class);

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final SinkLoop sink;
    private final Thread sinkThread;
    private final AlertServices alerts;
    private final RetentionJob retention;
    private final HostRollupJob hosts;
    private AgentCallJob calls;
    private PriceSync prices;
    private BudgetJob budgets; // null when alerting is off

    private ProcessorService(KafkaStreams streams, KafkaStreamsMetrics streamsMetrics, SinkLoop sink, Thread sinkThread,
                             AlertServices alerts, RetentionJob retention, HostRollupJob hosts) {
        this.retention = retention;
        this.hosts = hosts;
        this.streams = streams;
        this.streamsMetrics = streamsMetrics;
        this.sink = sink;
        this.sinkThread = sinkThread;
        this.alerts = alerts;
    }

    /** Starts everything {@code config} describes, alert evaluation, history and notification included. */
    public static ProcessorService start(ProcessorConfig config, SchemaRegistryClient registry, DataSource dataSource,
                                         PrometheusMeterRegistry meters) {
        AlertConfig alertConfig = config.alerts();
        config.kafka().verify(); // a wrong password or CA fails here, in one sentence
        Migrations.migrate(dataSource);
        try (Admin admin = config.kafka().admin()) {
            TopicSpecs.ensure(admin, config.partitions(), config.replication());
        }
        AlertServices alerts = AlertServices.start(config, alertConfig, registry, dataSource, meters);
        // price versions: the catalog file seeded into price_versions, polled, repricing jobs run (pricing/PriceSync)
        PriceSync prices = PriceSync.start(new PgPriceStore(dataSource),
                PriceCatalog.load(config.priceCatalogPath()).versions("file"),
                new Repricer(dataSource, config.granularities(), Clock.systemUTC()));
        KafkaStreams streams = config.kafka().streams(PulseTopology.build(config, registry, new PulseMetrics(meters), prices,
                (b, rollups) -> AlertTopology.add(b, rollups, alertConfig, registry, meters)), streamsProps(config));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Stream thread failed; replacing it (state is restored from changelogs)", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(meters);
        streams.start();
        SinkLoop sink = new SinkLoop(config.kafka().consumer(sinkProps(config)), registry, new PostgresRollupSink(dataSource),
                new PostgresEventSink(dataSource), dataSource, Clock.systemUTC(), meters);
        Thread t = new Thread(sink, "agentpulse-sink");
        t.setDaemon(true);
        t.start();
        RetentionJob retention = RetentionJob.start(new PgPartitionStore(dataSource), config.retention(), Clock.systemUTC(), meters);
        // Host health: rolled up beside the topology from the stored heartbeats, host alert rules evaluated there.
        HostRollupJob hosts = HostRollupJob.start(dataSource, config.hosts(), alertConfig.enabled() ? config.kafka().producer(
                Map.of(ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), TopicSerdes.alerts(registry).serializer()) : null,
                Clock.systemUTC(), meters);
        ProcessorService service = new ProcessorService(streams, streamsMetrics, sink, t, alerts, retention, hosts);
        service.prices = prices;
        // Budget rules: evaluated over the rollup tables (whole day, month, baseline), not in the stream.
        service.budgets = alertConfig.enabled() ? BudgetJob.start(dataSource, config.budgetEvery(), config.granularities(),
                config.kafka().producer(Map.of(ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                        TopicSerdes.alerts(registry).serializer()), Clock.systemUTC(), meters) : null;
        // The agent-to-agent call graph: child spans joined to other agents' parent spans (RATIONALE-calls.md).
        service.calls = AgentCallJob.start(dataSource, config.calls(), Clock.systemUTC(), meters);
        return service;
    }

    static Properties streamsProps(ProcessorConfig c) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, c.applicationId());
        p.put(StreamsConfig.STATE_DIR_CONFIG, c.stateDir().toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, c.streamThreads());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, c.commitInterval().toMillis());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) c.replication());
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 32L << 20);
        BoundedRocksDb.configure(p, c.rocksDbCacheBytes());
        p.put(StreamsConfig.producerPrefix("linger.ms"), 5);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2000);
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, c.standbyReplicas());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) c.sessionTimeout().toMillis());
        return p;
    }

    static Properties sinkProps(ProcessorConfig c) {
        Properties p = new Properties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, c.sinkGroupId());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, c.sinkBatchSize());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }

    /** True when the streams are RUNNING and the sink has reached PostgreSQL. */
    public boolean ready() {
        return streams.state() == KafkaStreams.State.RUNNING && sink.connected();
    }

    public KafkaStreams.State streamsState() {
        return streams.state();
    }

    @Override
    public void close() {
        prices.close();
        alerts.close();
        retention.close();
        hosts.close();
        if (budgets != null) {
            budgets.close();
        }
        calls.close();
        sink.close();
        try {
            sinkThread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // leave the group at once, so a restarted instance need not wait out the session timeout
        streams.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
        streamsMetrics.close();
    }
}
