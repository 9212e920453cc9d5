package io.agentpulse.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A SASL_SSL client listener for the embedded broker, as a secured production cluster has: SCRAM-SHA-512
 * logins over TLS. The broker talks to itself on the same listener as user {@code brokerUser}; the
 * controller listener stays PLAINTEXT on loopback (nothing but the broker itself reaches it). The
 * users exist from the first start: they are written at storage format time ({@code --add-scram}),
 * so changing them later needs a new data directory. No authorizer: any logged-in user may do anything.
 *
 * @param keyStore           PKCS12 key store with the broker's certificate for 127.0.0.1 (e.g. from tls.TestCa)
 * @param keyStorePassword   its password (also the key's)
 * @param trustStore         PKCS12 trust store with the CA that signed it (the broker's own client side)
 * @param trustStorePassword its password
 * @param brokerUser         the broker's own login (inter-broker traffic, the start probe)
 * @param brokerPassword     its password
 * @param users              further logins, name to password
 */
public record KafkaSasl(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword,
                        String brokerUser, String brokerPassword, Map<String, String> users) {
    public static final String MECHANISM = "SCRAM-SHA-512";
    static final String LISTENER = "SASL_SSL";

    public KafkaSasl {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(trustStore, "trustStore");
        users = Map.copyOf(users);
        for (String s : List.of(brokerUser, brokerPassword, keyStorePassword, trustStorePassword)) {
            // Quotes or separators would break the JAAS line and the --add-scram syntax below.
            if (!s.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("Embedded Kafka SASL names and passwords may hold only letters, digits, '.', '_' and '-'.");
            }
        }
        users.forEach((name, password) -> {
            if (!(name + password).matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("Embedded Kafka SASL user " + name
                        + " has a name or password with other characters than letters, digits, '.', '_' and '-'.");
            }
        });
    }

    /** server.properties entries of the listener (the listener name itself is set by BrokerFiles). */
    Map<String, String> serverProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("sasl.enabled.mechanisms", MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas(brokerUser, brokerPassword));
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.location", keyStore.toString());
        p.put("ssl.keystore.password", keyStorePassword);
        p.put("ssl.key.password", keyStorePassword);
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.location", trustStore.toString());
        p.put("ssl.truststore.password", trustStorePassword);
        return p;
    }

    /** Client properties that log in as the broker's user (EmbeddedKafka's own start probe). */
    Map<String, Object> brokerClientProperties() {
        return Map.of("security.protocol", LISTENER, "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", jaas(brokerUser, brokerPassword),
                "ssl.truststore.type", "PKCS12", "ssl.truststore.location", trustStore.toString(),
                "ssl.truststore.password", trustStorePassword);
    }

    /** kafka-storage format arguments that create every user (KIP-900: {@code --add-scram MECH=[name=..,password=..]}). */
    List<String> formatArguments() {
        Map<String, String> all = new HashMap<>(users);
        all.put(brokerUser, brokerPassword);
        return all.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .flatMap(u -> java.util.stream.Stream.of("--add-scram",
                        MECHANISM + "=[name=" + u.getKey() + ",password=" + u.getValue() + "]"))
                .toList();
    }

    /** The JAAS line a client logs in with as {@code user}. */
    public static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** Passwords stay out of logs and failure messages. */
    @Override
    public String toString() {
        return "KafkaSasl[" + MECHANISM + " over TLS, broker user " + brokerUser + ", users " + users.keySet() + "]";
    }
}
