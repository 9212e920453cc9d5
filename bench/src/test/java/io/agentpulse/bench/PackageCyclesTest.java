package io.agentpulse.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package of the query API, the gateway, the stream processor, the security library or the notifier
 * depends, through others, on itself: every package is a slice of its own (io.agentpulse.(**)), main classes only.
 * Cycles once found and broken: query/auth <-> query/http (the CSV export now lives in query/export),
 * query <-> query/alert (AlertApi takes its parts, not QueryConfig), ingest/publish <-> ingest/gateway
 * (KafkaEventPublisher takes Kafka settings, not GatewayConfig), security <-> its store packages
 * (SecurityStores in security/stores), processor <-> processor/topology (ProcessorConfig now in processor/config,
 * BoundedRocksDb beside the stores it bounds in processor/topology), and query/alert <-> query/sse would be one
 * now that AlertStream lives in query/alert: the hub carries it as an SseHub.Resumable and knows no alert type.
 * The processor's root package is lifecycle wiring only (ProcessorMain, ProcessorService, AlertServices):
 * no package under it depends on it.
 */
class PackageCyclesTest {

    @Test
    void servicePackagesAreFreeOfCycles() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.agentpulse.query", "io.agentpulse.ingest", "io.agentpulse.processor",
                        "io.agentpulse.security", "io.agentpulse.notify");
        // Not vacuous: both ends of each cycle once found are among the classes checked.
        assertThat(main.contain("io.agentpulse.query.auth.AdminRoutes")).isTrue();
        assertThat(main.contain("io.agentpulse.query.alert.AlertApi")).isTrue();
        assertThat(main.contain("io.agentpulse.ingest.publish.KafkaEventPublisher")).isTrue();
        assertThat(main.contain("io.agentpulse.security.stores.SecurityStores")).isTrue();
        assertThat(main.contain("io.agentpulse.query.alert.AlertStream")).isTrue();
        assertThat(main.contain("io.agentpulse.query.sse.SseHub")).isTrue();
        assertThat(main.contain("io.agentpulse.processor.ProcessorService")).isTrue();
        assertThat(main.contain("io.agentpulse.processor.topology.PulseTopology")).isTrue();
        slices().matching("io.agentpulse.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void processorSubpackagesNeverReachBackIntoItsLifecycleWiring() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.agentpulse.processor");
        assertThat(main.contain("io.agentpulse.processor.config.ProcessorConfig")).isTrue();
        noClasses().that().resideInAPackage("io.agentpulse.processor.(**)")
                .should().dependOnClassesThat().resideInAPackage("io.agentpulse.processor").check(main);
    }
}
