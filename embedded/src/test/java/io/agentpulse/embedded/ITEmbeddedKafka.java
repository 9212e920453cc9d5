package io.agentpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ITEmbeddedKafka {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void exactlyOnceWritesSurviveKillAndRestart() throws Exception {
        List<String> committed = IntStream.range(0, 20).mapToObj(i -> "v" + i).toList();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            System.out.printf("broker first start: %d ms%n", kafka.lastStartDuration().toMillis());
            String bootstrap = kafka.bootstrapServers();
            KafkaClients.createTopic(bootstrap, "events", 3);
            KafkaClients.writeAborted(bootstrap, "events", "txn-a", List.of("aborted-1", "aborted-2"));
            KafkaClients.writeCommitted(bootstrap, "events", "txn-c", committed);
            assertThat(KafkaClients.readCommitted(bootstrap, "events", 20, READ_TIMEOUT))
                    .containsExactlyInAnyOrderElementsOf(committed);

            long pid = kafka.pid();
            kafka.kill();
            assertThat(ProcessHandle.of(pid)).isEmpty();
            kafka.restart();
            System.out.printf("broker restart after SIGKILL: %d ms%n", kafka.lastStartDuration().toMillis());
            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(KafkaClients.readCommitted(bootstrap, "events", 20, READ_TIMEOUT))
                    .containsExactlyInAnyOrderElementsOf(committed);
            KafkaClients.writeCommitted(bootstrap, "events", "txn-c", List.of("after-restart"));
            assertThat(KafkaClients.readCommitted(bootstrap, "events", 21, READ_TIMEOUT)).hasSize(21);
        }
    }

    @Test
    void aBrokerThatCannotStartIsReportedWithItsLastLogLines() {
        KafkaOptions broken = KafkaOptions.defaults().withBrokerProperties(java.util.Map.of("num.io.threads", "many"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedKafka.start(dir.resolve("broken"), 0, broken))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not start: the broker JVM exited with code")
                .hasMessageContaining("num.io.threads");
    }

    @Test
    void cleanStopAndStartAgainOnTheSameDataDirKeepsTopicsAndPort() throws Exception {
        Path data = dir.resolve("kafka2");
        String bootstrap;
        long pid;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(data, 0)) {
            bootstrap = kafka.bootstrapServers();
            pid = kafka.pid();
            KafkaClients.createTopic(bootstrap, "kept", 1);
            KafkaClients.writeCommitted(bootstrap, "kept", "t", List.of("a", "b"));
        }
        assertThat(ProcessHandle.of(pid)).isEmpty();
        try (EmbeddedKafka again = EmbeddedKafka.start(data, 0)) {
            System.out.printf("broker start on kept data: %d ms%n", again.lastStartDuration().toMillis());
            assertThat(again.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(KafkaClients.readCommitted(bootstrap, "kept", 2, READ_TIMEOUT)).containsExactlyInAnyOrder("a", "b");
        }
    }
}
