package io.agentpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ITEmbeddedInfra {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void sharedInfraIsStartedOnceAndReused() {
        long t0 = System.nanoTime();
        EmbeddedInfra first = EmbeddedInfra.shared();
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        long t1 = System.nanoTime();
        EmbeddedInfra second = EmbeddedInfra.shared();
        long secondMs = (System.nanoTime() - t1) / 1_000_000;
        System.out.printf("shared infra: first call %d ms, second call %d ms%n", firstMs, secondMs);
        assertThat(second).isSameAs(first);
        assertThat(first.kafka().isRunning()).isTrue();
        assertThat(first.postgres().isRunning()).isTrue();
    }

    @Test
    void freshDatabasesAreIsolated() throws Exception {
        EmbeddedInfra infra = EmbeddedInfra.shared();
        PgDatabase a = infra.freshDatabase("infra_a");
        PgDatabase b = infra.freshDatabase("infra_b");
        ITEmbeddedPostgres.execute(a.dataSource(), "CREATE TABLE t (id int PRIMARY KEY, v text)");
        ITEmbeddedPostgres.execute(a.dataSource(), "INSERT INTO t VALUES (1, 'a')");
        assertThat(ITEmbeddedPostgres.count(a.dataSource())).isEqualTo(1);
        try (Connection c = b.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 't'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
        assertThat(a.jdbcUrl()).endsWith("/infra_a");
    }

    @Test
    void topicsAreCreatedIdempotentlyAndRecreatedEmpty() throws Exception {
        EmbeddedInfra infra = EmbeddedInfra.shared();
        String bootstrap = infra.bootstrapServers();
        infra.createTopics("infra.topic");
        infra.createTopics("infra.topic");
        KafkaClients.writeCommitted(bootstrap, "infra.topic", "infra-txn", List.of("x", "y"));
        assertThat(KafkaClients.readCommitted(bootstrap, "infra.topic", 2, READ_TIMEOUT)).containsExactlyInAnyOrder("x", "y");
        try (var admin = KafkaTopics.admin(bootstrap)) {
            assertThat(admin.describeTopics(List.of("infra.topic")).allTopicNames().get()
                    .get("infra.topic").partitions()).hasSize(3);
        }

        infra.recreateTopics(2, "infra.topic");
        KafkaClients.writeCommitted(bootstrap, "infra.topic", "infra-txn", List.of("z"));
        assertThat(KafkaClients.readCommitted(bootstrap, "infra.topic", 2, Duration.ofSeconds(5))).containsExactly("z");
    }
}
