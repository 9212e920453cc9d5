package io.agentpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.Test;

/** The broker's transaction version: Kafka's own default, and only versions Kafka knows. */
class KafkaOptionsTest {
    @Test
    void theEmbeddedBrokerRunsTheTransactionVersionAStockBrokerOfThisKafkaDefaultsTo() {
        // A Kafka upgrade that changes the default fails here: then decide again, and keep compose.yaml in step.
        assertThat(KafkaOptions.TRANSACTION_VERSION)
                .isEqualTo(Feature.TRANSACTION_VERSION.defaultLevel(MetadataVersion.LATEST_PRODUCTION))
                .isEqualTo(KafkaOptions.defaults().transactionVersion());
        assertThat(KafkaOptions.MAX_TRANSACTION_VERSION).isEqualTo(Feature.TRANSACTION_VERSION.latestProduction());
    }

    @Test
    void transactionVersionsKafkaDoesNotKnowAreRefused() {
        assertThatThrownBy(() -> KafkaOptions.defaults().withTransactionVersion(3))
                .hasMessage("The broker's transaction.version must be 0 to 2 (the versions Kafka 4.1 knows), but was 3.");
        assertThat(KafkaOptions.defaults().withTransactionVersion(1).transactionVersion()).isEqualTo(1);
    }
}
