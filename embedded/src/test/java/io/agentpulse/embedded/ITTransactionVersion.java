package io.agentpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker's transaction.version is what {@link KafkaOptions} says: the shipped one by default
 * (deploy/compose.yaml pins the same), any other on request, so a test can run the processor on both.
 */
class ITTransactionVersion {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void theDefaultBrokerRunsTheShippedTransactionVersion() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("default"), 0)) {
            assertThat(finalizedTransactionVersion(kafka)).isEqualTo(KafkaOptions.TRANSACTION_VERSION);
        }
    }

    @Test
    void anotherVersionIsFormattedAndKeptAcrossARestartAndTransactionsWorkOnIt() throws Exception {
        int other = KafkaOptions.TRANSACTION_VERSION == 2 ? 1 : 2;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("other"), 0,
                KafkaOptions.defaults().withTransactionVersion(other))) {
            assertThat(finalizedTransactionVersion(kafka)).isEqualTo(other);
            String bootstrap = kafka.bootstrapServers();
            KafkaClients.createTopic(bootstrap, "t", 2);
            KafkaClients.writeAborted(bootstrap, "t", "txn-a", List.of("aborted"));
            KafkaClients.writeCommitted(bootstrap, "t", "txn-c", List.of("a", "b"));
            assertThat(KafkaClients.readCommitted(bootstrap, "t", 2, READ_TIMEOUT)).containsExactlyInAnyOrder("a", "b");
            kafka.restart();
            assertThat(finalizedTransactionVersion(kafka)).isEqualTo(other);
        }
    }

    private static int finalizedTransactionVersion(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            var finalized = admin.describeFeatures().featureMetadata().get().finalizedFeatures().get("transaction.version");
            return finalized == null ? 0 : finalized.maxVersionLevel();
        }
    }
}
