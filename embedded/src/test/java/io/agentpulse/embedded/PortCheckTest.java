package io.agentpulse.embedded;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad ports fail at once with a sentence, before any process is launched. */
class PortCheckTest {
    @TempDir
    Path dir;

    @Test
    void aTakenPortIsRefusedBeforeLaunching() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> EmbeddedKafka.start(dir.resolve("k"), port))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("The Kafka port " + port + " on 127.0.0.1 is already in use; stop what listens there "
                            + "or pass 0 for a free port.");
            assertThatThrownBy(() -> EmbeddedPostgres.start(dir.resolve("p"), port))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("The PostgreSQL port " + port + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void outOfRangePortsAreRefused() {
        assertThatThrownBy(() -> EmbeddedKafka.start(dir, 70000))
                .hasMessage("The Kafka port must be 0 (any free port) or 1-65535, but was 70000.");
        assertThatThrownBy(() -> EmbeddedPostgres.start(dir, -1))
                .hasMessage("The PostgreSQL port must be 0 (any free port) or 1-65535, but was -1.");
    }

    @Test
    void onlyAPortWePickedAndLostIsRetriedAndOnlyTwice() {
        RuntimeException bind = new IllegalStateException("... Socket server failed to bind: Address already in use ...");
        RuntimeException other = new IllegalStateException("... something else ...");
        org.assertj.core.api.Assertions.assertThat(Ports.lostRace(0, 1, bind)).isTrue();
        org.assertj.core.api.Assertions.assertThat(Ports.lostRace(0, 2, bind)).isTrue();
        org.assertj.core.api.Assertions.assertThat(Ports.lostRace(0, 3, bind)).isFalse();
        org.assertj.core.api.Assertions.assertThat(Ports.lostRace(9092, 1, bind)).isFalse();
        org.assertj.core.api.Assertions.assertThat(Ports.lostRace(0, 1, other)).isFalse();
    }

    @Test
    void heapSizesAreChecked() {
        assertThatThrownBy(() -> KafkaOptions.defaults().withMaxHeap("half"))
                .hasMessage("The broker heap size must look like 512m or 1g, but was 'half'.");
    }
}
