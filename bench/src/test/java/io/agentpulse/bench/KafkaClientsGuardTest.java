package io.agentpulse.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.agentpulse.ops.KafkaClients;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every Kafka client of the product is made by {@link KafkaClients}, which always adds the process's
 * SASL/TLS settings: no other main class of any module (bench sees them all) may construct a
 * KafkaProducer, KafkaConsumer or KafkaStreams, or call Admin.create / AdminClient.create, directly
 * or through a method reference. Tests may (they talk to a PLAINTEXT embedded broker).
 */
class KafkaClientsGuardTest {
    private static final Set<String> CONSTRUCTED = Set.of("org.apache.kafka.clients.producer.KafkaProducer",
            "org.apache.kafka.clients.consumer.KafkaConsumer", "org.apache.kafka.streams.KafkaStreams");
    private static final Set<String> CREATED = Set.of("org.apache.kafka.clients.admin.Admin",
            "org.apache.kafka.clients.admin.AdminClient");

    /** Calls and method references that make a Kafka client. */
    static final DescribedPredicate<JavaAccess<?>> MAKES_A_KAFKA_CLIENT =
            new DescribedPredicate<>("construct a KafkaProducer, KafkaConsumer or KafkaStreams or call Admin.create") {
                @Override
                public boolean test(JavaAccess<?> access) {
                    String owner = access.getTargetOwner().getName();
                    String name = access.getTarget().getName();
                    return CONSTRUCTED.contains(owner) && name.equals("<init>") || CREATED.contains(owner) && name.equals("create");
                }
            };

    static final ArchRule ONLY_THE_FACTORY = noClasses()
            .that().doNotHaveFullyQualifiedName(KafkaClients.class.getName())
            // The agent-side client library: it must not depend on schemas (agents embed it), so it takes
            // its security properties from the agent's own builder. Allowed by exact name, old and new place.
            .and().doNotHaveFullyQualifiedName("io.agentpulse.ingest.client.KafkaTransport")
            .and().doNotHaveFullyQualifiedName("io.agentpulse.client.KafkaTransport")
            // The embedded broker's owner: it probes the broker it started itself (with that broker's own
            // listener settings, see KafkaSasl), and cannot see schemas (whose tests depend on embedded).
            .and().resideOutsideOfPackage("io.agentpulse.embedded..")
            .should().accessTargetWhere(MAKES_A_KAFKA_CLIENT)
            .because("KafkaClients adds the AGENTPULSE_KAFKA_* security to every client; a client made elsewhere "
                    + "cannot reach a SASL_SSL cluster");

    @Test
    void noMainClassMakesAKafkaClientButTheFactory() {
        // Other modules' classes come as target/classes folders or, once packaged, as their jars: both are read.
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.agentpulse");
        // Not vacuous: the classes that once made their own clients are among those checked.
        assertThat(main.contain("io.agentpulse.query.alert.KafkaRulePublisher")).isTrue();
        assertThat(main.contain("io.agentpulse.processor.alert.notify.AlertLoop")).isTrue();
        assertThat(main.contain("io.agentpulse.bench.faults.AlertPump")).isTrue();
        ONLY_THE_FACTORY.check(main);
    }
}
