package io.agentpulse.ingest.gateway;

import io.agentpulse.ingest.json.EventRules;
import io.agentpulse.ops.ConfigException;
import io.agentpulse.ingest.limits.LimitsConfig;
import io.agentpulse.ops.Env;
import io.agentpulse.ops.KafkaClients;
import io.agentpulse.ops.KafkaSecurity;
import io.agentpulse.ops.Settings;
import io.agentpulse.contract.Dimensions;
import io.agentpulse.contract.registry.RegistrySettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Every setting of the ingest gateway, typed and validated: one object, built in GatewayMain (or the
 * all-in-one) from the environment and AGENTPULSE_CONFIG_FILE alike; rows in the README settings table.
 *
 * @param host              interface to bind
 * @param port              HTTP port (0 = a free port, for tests)
 * @param kafkaBootstrap    Kafka bootstrap servers
 * @param registry          the Confluent-compatible schema registry: URL, basic auth, CA file
 * @param maxBodyBytes      largest accepted body in bytes, on the wire and again after gunzip
 * @param maxFuture         how far ahead of the gateway clock an event_time may be
 * @param maxPast           how far behind the gateway clock an event_time may be
 * @param sendTimeout       how long Kafka may take to acknowledge a batch before the client gets 503
 * @param retryAfterSeconds the Retry-After hint on 503 answers
 * @param maxInFlight       requests processed at once; more get 503 (bounds memory: maxInFlight x maxBodyBytes)
 * @param topicPartitions   partitions of the topics GatewayMain creates when they are missing
 * @param topicReplication  replication factor of those topics
 * @param security          HTTPS, the key cache and the bootstrap ingest key
 * @param limits            per-key rate, batch size and cardinality limits on clients
 * @param db                the PostgreSQL holding the API keys (the query API's database)
 * @param kafkaSecurity     SASL/TLS client properties of an external cluster ({@link KafkaSecurity}), empty = PLAINTEXT
 * @param dimensions        the slicing dimensions (AGENTPULSE_DIMENSIONS): OTLP span or resource attributes named like
 *                          a custom one are kept in the event's attributes, where the processor reads them
 */
public record GatewayConfig(String host, int port, String kafkaBootstrap, RegistrySettings registry, long maxBodyBytes,
                            Duration maxFuture, Duration maxPast, Duration sendTimeout, int retryAfterSeconds,
                            int maxInFlight, int topicPartitions, short topicReplication,
                            GatewaySecurityConfig security, LimitsConfig limits, GatewayDbConfig db,
                            KafkaSecurity kafkaSecurity, Dimensions dimensions) {
    static final int DEFAULT_PORT = 4318;
    static final long DEFAULT_MAX_BODY_BYTES = 5L * 1024 * 1024;

    public GatewayConfig {
        if (sendTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigException("AGENTPULSE_GATEWAY_SEND_TIMEOUT",
                    "AGENTPULSE_GATEWAY_SEND_TIMEOUT is " + sendTimeout.toMillis()
                            + " ms, which is too short; Kafka needs at least 1s to acknowledge a batch.");
        }
    }

    /** All defaults (no environment). */
    public static GatewayConfig defaults() {
        return fromEnv(Map.of());
    }

    /** Reads AGENTPULSE_* variables, usually {@code fromEnv(Settings.process())}; bad values throw {@link ConfigException}. */
    public static GatewayConfig fromEnv(Map<String, String> vars) {
        Env env = Env.of(vars);
        return new GatewayConfig(
                env.string("AGENTPULSE_GATEWAY_HOST", "0.0.0.0"),
                env.integer("AGENTPULSE_GATEWAY_PORT", DEFAULT_PORT, 0, 65535),
                env.string("AGENTPULSE_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
                RegistrySettings.fromEnv(vars, "http://127.0.0.1:8081"),
                env.longValue("AGENTPULSE_GATEWAY_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES, 1024, 256L * 1024 * 1024),
                env.duration("AGENTPULSE_GATEWAY_MAX_FUTURE", EventRules.DEFAULT_MAX_FUTURE),
                env.duration("AGENTPULSE_GATEWAY_MAX_PAST", EventRules.DEFAULT_MAX_PAST),
                env.duration("AGENTPULSE_GATEWAY_SEND_TIMEOUT", Duration.ofSeconds(5)),
                env.integer("AGENTPULSE_GATEWAY_RETRY_AFTER_SECONDS", 5, 1, 3600),
                env.integer("AGENTPULSE_GATEWAY_MAX_IN_FLIGHT", 256, 1, 100_000),
                env.integer("AGENTPULSE_KAFKA_PARTITIONS", 3, 1, 1024),
                (short) env.integer("AGENTPULSE_KAFKA_REPLICATION", 1, 1, 32),
                GatewaySecurityConfig.fromEnv(env),
                LimitsConfig.fromEnv(vars),
                GatewayDbConfig.fromEnv(vars),
                KafkaSecurity.of(vars),
                Dimensions.fromEnv(env));
    }

    /** The AGENTPULSE_* variables this configuration reads (README settings-table test). */
    public static Set<String> variables() {
        return Settings.namesRead(GatewayConfig::fromEnv);
    }

    /** Every Kafka client of the gateway is made here: bootstrap servers plus AGENTPULSE_KAFKA_* security. */
    public KafkaClients kafka() {
        return KafkaClients.of(kafkaBootstrap, kafkaSecurity);
    }

    /** The validation rules of this configuration on the given clock. */
    EventRules rules(Clock clock) {
        return new EventRules(clock, maxFuture, maxPast, dimensions.custom());
    }

    GatewayConfig withPort(int newPort) {
        return new GatewayConfig(host, newPort, kafkaBootstrap, registry, maxBodyBytes, maxFuture, maxPast,
                sendTimeout, retryAfterSeconds, maxInFlight, topicPartitions, topicReplication, security, limits, db, kafkaSecurity, dimensions);
    }

    GatewayConfig withKafkaBootstrap(String bootstrap) {
        return new GatewayConfig(host, port, bootstrap, registry, maxBodyBytes, maxFuture, maxPast,
                sendTimeout, retryAfterSeconds, maxInFlight, topicPartitions, topicReplication, security, limits, db, kafkaSecurity, dimensions);
    }

    GatewayConfig withMaxBodyBytes(long bytes) {
        return new GatewayConfig(host, port, kafkaBootstrap, registry, bytes, maxFuture, maxPast,
                sendTimeout, retryAfterSeconds, maxInFlight, topicPartitions, topicReplication, security, limits, db, kafkaSecurity, dimensions);
    }

    GatewayConfig withSendTimeout(Duration timeout) {
        return new GatewayConfig(host, port, kafkaBootstrap, registry, maxBodyBytes, maxFuture, maxPast,
                timeout, retryAfterSeconds, maxInFlight, topicPartitions, topicReplication, security, limits, db, kafkaSecurity, dimensions);
    }

    GatewayConfig withLimits(LimitsConfig l) {
        return new GatewayConfig(host, port, kafkaBootstrap, registry, maxBodyBytes, maxFuture, maxPast,
                sendTimeout, retryAfterSeconds, maxInFlight, topicPartitions, topicReplication, security, l, db, kafkaSecurity, dimensions);
    }

    GatewayConfig withSecurity(GatewaySecurityConfig s) {
        return new GatewayConfig(host, port, kafkaBootstrap, registry, maxBodyBytes, maxFuture, maxPast,
                sendTimeout, retryAfterSeconds, maxInFlight, topicPartitions, topicReplication, s, limits, db, kafkaSecurity, dimensions);
    }
}
