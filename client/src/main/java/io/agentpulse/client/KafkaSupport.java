package io.agentpulse.client;

/**
 * The gate to the Kafka transport: kafka-clients and avro are optional dependencies of the client, so
 * their presence is checked here, before any class that refers to them is loaded.
 */
final class KafkaSupport {
    private KafkaSupport() {}

    static Transport transport(KafkaOptions options) {
        require("org.apache.kafka.clients.producer.KafkaProducer", "org.apache.kafka:kafka-clients");
        require("org.apache.avro.Schema", "org.apache.avro:avro");
        return KafkaTransport.create(options);
    }

    private static void require(String className, String artifact) {
        try {
            Class.forName(className, false, KafkaSupport.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The Agent Pulse Kafka transport needs " + artifact + " on the classpath, and it is not there: "
                    + "add org.apache.kafka:kafka-clients and org.apache.avro:avro to the agent's dependencies, "
                    + "or send through the gateway with gateway(url, apiKey), which needs neither.");
        }
    }
}
