package io.agentpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.embedded.tls.TestCa;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SASL_SSL listener: a SCRAM-SHA-512 user created at format time logs in over TLS; a wrong password is refused. */
class ITEmbeddedKafkaSasl {
    @TempDir
    Path dir;

    @Test
    void aScramUserLogsInOverTlsAndAWrongPasswordIsRefused() throws Exception {
        TestCa ca = TestCa.create(dir, "kafka-test-ca");
        Path keyStore = ca.issueServer(dir, "broker").keyStore(dir.resolve("broker.p12"), "key-pw");
        Path trustStore = ca.trustStore(dir.resolve("trust.p12"), "trust-pw");
        KafkaSasl sasl = new KafkaSasl(keyStore, "key-pw", trustStore, "trust-pw", "broker", "broker-pw",
                Map.of("svc", "svc-pw"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, KafkaOptions.defaults().withSaslSsl(sasl))) {
            try (Admin admin = Admin.create(client(kafka, trustStore, "svc", "svc-pw"))) {
                admin.createTopics(List.of(new NewTopic("secured", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("secured");
            }
            try (Admin admin = Admin.create(client(kafka, trustStore, "svc", "not-the-password"))) {
                assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
            }
        }
    }

    private static Map<String, Object> client(EmbeddedKafka kafka, Path trustStore, String user, String password) {
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", KafkaSasl.MECHANISM);
        p.put("sasl.jaas.config", KafkaSasl.jaas(user, password));
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.location", trustStore.toString());
        p.put("ssl.truststore.password", "trust-pw");
        return p;
    }
}
