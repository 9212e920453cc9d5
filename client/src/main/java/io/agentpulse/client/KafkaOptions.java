package io.agentpulse.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Where and how the Kafka transport produces: the brokers, the agent's own Kafka client properties
 * (security.protocol, sasl.*, ssl.*, ... all applied to the producer as given), and the schema registry
 * the event schema is registered in. Holds no Kafka type, so it loads without kafka-clients.
 *
 * <pre>{@code
 * KafkaOptions.builder("broker:9093", "https://registry:8081")
 *         .property("security.protocol", "SASL_SSL").property("sasl.mechanism", "SCRAM-SHA-512")
 *         .property("sasl.jaas.config", jaas).registryBasicAuth("agent:secret").build();
 * }</pre>
 */
public final class KafkaOptions {
    /** The events topic of the platform (the processor reads it). */
    static final String EVENTS_TOPIC = "agentpulse.events";
    /** Set by the transport itself: the values are Avro in Confluent's framing, the bootstrap comes from the builder. */
    private static final Set<String> RESERVED = Set.of("bootstrap.servers", "key.serializer", "value.serializer");

    final String bootstrapServers;
    final String registryUrl;
    /** "Basic base64(user:password)" or null; the password never appears in a message. */
    final String registryAuthorization;
    final SSLContext registryTls;
    final Map<String, Object> properties;
    final Duration timeout;
    final String topic;

    private KafkaOptions(Builder b) {
        this.bootstrapServers = b.bootstrapServers;
        this.registryUrl = b.registryUrl;
        this.registryAuthorization = b.registryAuthorization;
        this.registryTls = b.registryTls;
        this.properties = Map.copyOf(b.properties);
        this.timeout = b.timeout;
        this.topic = b.topic;
    }

    /**
     * @param bootstrapServers the brokers, e.g. {@code broker-1:9093,broker-2:9093}
     * @param registryUrl      the schema registry, {@code http://host:port} or {@code https://host:port}
     */
    public static Builder builder(String bootstrapServers, String registryUrl) {
        return new Builder(bootstrapServers, registryUrl);
    }

    @Override
    public String toString() {
        return "KafkaOptions[bootstrap=" + bootstrapServers + ", registry=" + registryUrl + ", registryAuth="
                + (registryAuthorization == null ? "none" : "basic") + ", properties=" + properties.keySet() + "]";
    }

    public static final class Builder {
        private final String bootstrapServers;
        private final String registryUrl;
        private String registryAuthorization;
        private SSLContext registryTls;
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private Duration timeout = Duration.ofSeconds(10);
        private String topic = EVENTS_TOPIC;

        private Builder(String bootstrapServers, String registryUrl) {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("The Kafka bootstrap servers are empty; pass host:port[,host:port...] of the brokers.");
            }
            this.bootstrapServers = bootstrapServers;
            this.registryUrl = Urls.checked("schema registry", registryUrl);
        }

        /** One Kafka producer property of the agent, e.g. {@code security.protocol}, {@code sasl.jaas.config}, {@code ssl.truststore.location}. */
        public Builder property(String name, Object value) {
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException("The Kafka property " + name + " is set by the Agent Pulse transport itself; "
                        + "pass the brokers to KafkaOptions.builder(...) and leave the serializers out.");
            }
            properties.put(name, Objects.requireNonNull(value, "the value of Kafka property " + name));
            return this;
        }

        /** All of these Kafka producer properties (e.g. the agent's own security settings); they win over the defaults. */
        public Builder properties(Map<String, ?> props) {
            props.forEach(this::property);
            return this;
        }

        /** Basic auth to the registry as {@code user:password} (Confluent's basic.auth.user.info). */
        public Builder registryBasicAuth(String userInfo) {
            int colon = userInfo == null ? -1 : userInfo.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("The registry basic auth must be user:password; the value given has "
                        + (colon == 0 ? "no user before the colon" : "no colon") + " (not shown: it holds a password).");
            }
            this.registryAuthorization = "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** TLS to an https registry with this context (e.g. trusting a private CA) instead of the JVM's default trust. */
        public Builder registryTls(SSLContext tls) {
            this.registryTls = Objects.requireNonNull(tls, "registryTls");
            return this;
        }

        /** How long a batch may wait for Kafka's acknowledgements (and the producer's delivery timeout); default 10 s. */
        public Builder timeout(Duration d) {
            if (d.toMillis() < 1000) {
                throw new IllegalArgumentException("The Kafka transport timeout must be at least 1 s, not " + d + ".");
            }
            this.timeout = d;
            return this;
        }

        /** Another topic than agentpulse.events (tests). */
        Builder topic(String t) {
            this.topic = t;
            return this;
        }

        public KafkaOptions build() {
            return new KafkaOptions(this);
        }
    }
}
