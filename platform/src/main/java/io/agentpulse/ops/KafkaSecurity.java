package io.agentpulse.ops;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Kafka client security settings for an external cluster, the same for every client of a process
 * (producer, consumer, admin, Kafka Streams). Empty when nothing is set (PLAINTEXT, our default).
 * {@code AGENTPULSE_KAFKA_SECURITY_PROTOCOL} (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL),
 * {@code AGENTPULSE_KAFKA_SASL_MECHANISM} (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, ...),
 * {@code AGENTPULSE_KAFKA_SASL_JAAS_CONFIG}, and the {@code AGENTPULSE_KAFKA_SSL_*} names of
 * {@link #VARIABLES} map to the Kafka property of the same name in lower case with dots.
 *
 * <p>A value, read once from a service's settings by its config and handed to {@link KafkaClients};
 * {@link #toString()} names the protocol and mechanism only (the JAAS line holds a password).
 */
public final class KafkaSecurity {
    /** PLAINTEXT: no property set. */
    public static final KafkaSecurity NONE = new KafkaSecurity(Map.of());
    /** Every variable read, with the Kafka client property it sets. */
    public static final Map<String, String> VARIABLES = Map.of(
            "AGENTPULSE_KAFKA_SECURITY_PROTOCOL", "security.protocol",
            "AGENTPULSE_KAFKA_SASL_MECHANISM", "sasl.mechanism",
            "AGENTPULSE_KAFKA_SASL_JAAS_CONFIG", "sasl.jaas.config",
            "AGENTPULSE_KAFKA_SSL_TRUSTSTORE_LOCATION", "ssl.truststore.location",
            "AGENTPULSE_KAFKA_SSL_TRUSTSTORE_PASSWORD", "ssl.truststore.password",
            "AGENTPULSE_KAFKA_SSL_TRUSTSTORE_TYPE", "ssl.truststore.type",
            "AGENTPULSE_KAFKA_SSL_KEYSTORE_LOCATION", "ssl.keystore.location",
            "AGENTPULSE_KAFKA_SSL_KEYSTORE_PASSWORD", "ssl.keystore.password",
            "AGENTPULSE_KAFKA_SSL_KEY_PASSWORD", "ssl.key.password",
            "AGENTPULSE_KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "ssl.endpoint.identification.algorithm");
    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    private final Map<String, Object> clientProperties;

    private KafkaSecurity(Map<String, Object> clientProperties) {
        this.clientProperties = Map.copyOf(clientProperties);
    }

    /** The security set by {@code settings} (AGENTPULSE_* variables); validated like {@link #properties}. */
    public static KafkaSecurity of(Map<String, String> settings) {
        return new KafkaSecurity(properties(settings));
    }

    /** The Kafka client properties (security.protocol, sasl.*, ssl.*); empty for PLAINTEXT. */
    public Map<String, Object> clientProperties() {
        return clientProperties;
    }

    /** The protocol in effect (PLAINTEXT when unset). */
    public String protocol() {
        return clientProperties.getOrDefault("security.protocol", "PLAINTEXT").toString();
    }

    /** The Kafka properties set by {@code settings}; validated (a bad protocol is a ConfigException). */
    public static Map<String, Object> properties(Map<String, String> settings) {
        Env env = Env.of(settings);
        Map<String, Object> out = new HashMap<>();
        VARIABLES.forEach((variable, property) -> {
            // Blank means unset; except the endpoint algorithm, where "" legitimately disables the check.
            String raw = settings.get(variable);
            String value = env.string(variable, null);
            if (value != null) {
                out.put(property, value);
            } else if (raw != null && variable.endsWith("IDENTIFICATION_ALGORITHM")) {
                out.put(property, "");
            }
        });
        Object protocol = out.get("security.protocol");
        if (protocol != null && !PROTOCOLS.contains(protocol.toString().toUpperCase(Locale.ROOT))) {
            throw new ConfigException("AGENTPULSE_KAFKA_SECURITY_PROTOCOL", "AGENTPULSE_KAFKA_SECURITY_PROTOCOL is set to \"" + protocol
                    + "\", which is not valid; expected one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL.");
        }
        if (protocol != null) {
            out.put("security.protocol", protocol.toString().toUpperCase(Locale.ROOT));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaSecurity k && k.clientProperties.equals(clientProperties);
    }

    @Override
    public int hashCode() {
        return clientProperties.hashCode();
    }

    /** Protocol and mechanism only: configs are logged, and the JAAS line and store passwords are secrets. */
    @Override
    public String toString() {
        Object mechanism = clientProperties.get("sasl.mechanism");
        return "KafkaSecurity[" + protocol() + (mechanism == null ? "" : ", " + mechanism) + "]";
    }
}
