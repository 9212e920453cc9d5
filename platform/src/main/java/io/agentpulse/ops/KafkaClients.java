package io.agentpulse.ops;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a process makes a Kafka client (producer, consumer, admin, Kafka Streams): each gets
 * this process's bootstrap servers and {@link KafkaSecurity} on top of the caller's properties, so
 * no client can miss the SASL/TLS settings (KafkaClientsGuardTest in bench enforces that every
 * client is made here). The security is a value from the service's config, never read here.
 *
 * <p>kafka-streams is an optional dependency of this module: only a process that calls
 * {@link #streams} (the processor) needs it on its class path.
 */
public final class KafkaClients {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaClients.class);
    private static final String JAAS = "AGENTPULSE_KAFKA_SASL_JAAS_CONFIG";
    /** How long a service's start-up check of its Kafka login waits for an answer. */
    public static final Duration START_CHECK = Duration.ofSeconds(15);

    private final String bootstrapServers;
    private final KafkaSecurity security;

    private KafkaClients(String bootstrapServers, KafkaSecurity security) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.security = Objects.requireNonNull(security, "security");
    }

    public static KafkaClients of(String bootstrapServers, KafkaSecurity security) {
        return new KafkaClients(bootstrapServers, security);
    }

    /** {@code bootstrapServers} with the AGENTPULSE_KAFKA_* security of {@code settings}. */
    public static KafkaClients of(String bootstrapServers, Map<String, String> settings) {
        return new KafkaClients(bootstrapServers, KafkaSecurity.of(settings));
    }

    /** No security: for a PLAINTEXT broker (the embedded one, tests, benchmarks). */
    public static KafkaClients plaintext(String bootstrapServers) {
        return new KafkaClients(bootstrapServers, KafkaSecurity.NONE);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public KafkaSecurity security() {
        return security;
    }

    /** The same security towards other servers (e.g. a second cluster of a benchmark). */
    public KafkaClients withBootstrapServers(String servers) {
        return new KafkaClients(servers, security);
    }

    /** {@code props} (a Map or Properties) with our bootstrap servers and security set over them. */
    public Map<String, Object> config(Map<?, ?> props) {
        Map<String, Object> out = new HashMap<>();
        props.forEach((k, v) -> out.put(String.valueOf(k), v));
        out.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        out.putAll(security.clientProperties());
        return out;
    }

    /** A producer whose serializers are named in {@code props}. */
    public <K, V> KafkaProducer<K, V> producer(Map<?, ?> props) {
        return new KafkaProducer<>(config(props));
    }

    public <K, V> KafkaProducer<K, V> producer(Map<?, ?> props, Serializer<K> keys, Serializer<V> values) {
        return new KafkaProducer<>(config(props), keys, values);
    }

    /** A consumer whose deserializers are named in {@code props}. */
    public <K, V> KafkaConsumer<K, V> consumer(Map<?, ?> props) {
        return new KafkaConsumer<>(config(props));
    }

    public <K, V> KafkaConsumer<K, V> consumer(Map<?, ?> props, Deserializer<K> keys, Deserializer<V> values) {
        return new KafkaConsumer<>(config(props), keys, values);
    }

    public Admin admin() {
        return admin(Map.of());
    }

    public Admin admin(Map<?, ?> props) {
        return Admin.create(config(props));
    }

    public KafkaStreams streams(Topology topology, Map<?, ?> props) {
        return new KafkaStreams(topology, new StreamsConfig(config(props)));
    }

    /**
     * At a service's start, when SASL or TLS is set: one describeCluster within {@code timeout}. A
     * refused login or TLS handshake is a {@link ConfigException} naming the setting (the broker's
     * reason never holds the password); no answer in time is only logged, as a broker still starting
     * is the clients' own retry's business. PLAINTEXT returns at once (no credential to check).
     */
    public void verify() {
        verify(START_CHECK);
    }

    /** {@link #verify()} with another bound. */
    public void verify(Duration timeout) {
        if (security.clientProperties().isEmpty() || "PLAINTEXT".equals(security.protocol())) {
            return;
        }
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (Admin admin = admin(Map.of(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms))) {
            admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            RuntimeException refused = refused(e.getCause());
            if (refused != null) {
                throw refused;
            }
        } catch (TimeoutException e) {
            LOG.warn("Kafka at {} did not answer within {} at start ({}); going on, clients retry", bootstrapServers, timeout, security);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking the Kafka connection at start.", e);
        }
    }

    /** A ConfigException when the broker refused our credentials or certificate; null (logged) otherwise. */
    private RuntimeException refused(Throwable cause) {
        if (cause instanceof SslAuthenticationException) {
            return new ConfigException("AGENTPULSE_KAFKA_SSL_TRUSTSTORE_LOCATION", "The TLS handshake with Kafka at "
                    + bootstrapServers + " failed (" + cause.getMessage() + "); check that AGENTPULSE_KAFKA_SSL_TRUSTSTORE_LOCATION "
                    + "holds the CA that signed the broker's certificate and that AGENTPULSE_KAFKA_SSL_TRUSTSTORE_PASSWORD opens it.");
        }
        if (cause instanceof AuthenticationException) {
            return new ConfigException(JAAS, "Kafka at " + bootstrapServers + " refused the login set by " + JAAS
                    + " with mechanism " + security.clientProperties().get("sasl.mechanism") + " (" + cause.getMessage()
                    + "); check the user name and password in " + JAAS + " and AGENTPULSE_KAFKA_SASL_MECHANISM.");
        }
        LOG.warn("Kafka at {} could not be checked at start ({}): {}", bootstrapServers, security, String.valueOf(cause));
        return null;
    }

    @Override
    public String toString() {
        return "KafkaClients[" + bootstrapServers + ", " + security + "]";
    }
}
