package io.agentpulse.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * The client's own classes alone (no kafka-clients, no avro, nothing of the test classpath), as an agent
 * that only uses the gateway has them: the gateway path works, and kafka(...) says what is missing.
 */
class OptionalDependenciesTest {

    @Test
    void withoutKafkaClientsTheGatewayWorksAndKafkaSaysWhatToAdd() throws Exception {
        URL classes = AgentPulseRecorder.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader alone = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> alone.loadClass("org.apache.kafka.clients.producer.KafkaProducer"))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> recorder = alone.loadClass(AgentPulseRecorder.class.getName());
            Object builder = recorder.getMethod("builder").invoke(null);
            Class<?> builderType = builder.getClass();
            builderType.getMethod("gateway", String.class, String.class).invoke(builder, "http://127.0.0.1:1", "apk_x");
            ((AutoCloseable) builderType.getMethod("build").invoke(builder)).close();

            Class<?> options = alone.loadClass(KafkaOptions.class.getName());
            Object kafkaOptions = options.getMethod("builder", String.class, String.class).invoke(null, "b:9092", "http://r:8081");
            kafkaOptions = kafkaOptions.getClass().getMethod("build").invoke(kafkaOptions);
            Method kafka = builderType.getMethod("kafka", options);
            Object kafkaBuilder = builder;
            Object chosen = kafkaOptions;
            assertThatThrownBy(() -> invoke(kafka, kafkaBuilder, chosen)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("The Agent Pulse Kafka transport needs org.apache.kafka:kafka-clients on the classpath, and it is not there: "
                            + "add org.apache.kafka:kafka-clients and org.apache.avro:avro to the agent's dependencies, "
                            + "or send through the gateway with gateway(url, apiKey), which needs neither.");
        }
        assertThat(classes.getPath()).endsWith("classes/");
    }

    private static void invoke(Method m, Object target, Object arg) throws Throwable {
        try {
            m.invoke(target, arg);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
