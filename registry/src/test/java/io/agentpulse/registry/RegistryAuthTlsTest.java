package io.agentpulse.registry;

import io.agentpulse.contract.registry.SchemaRegistryException;
import io.agentpulse.contract.registry.HttpSchemaRegistryClient;
import io.agentpulse.contract.registry.RegistrySettings;


import static io.agentpulse.registry.HttpSchemaRegistryClientTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.agentpulse.embedded.tls.TestCa;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded registry guarded as a production Confluent registry is (basic auth over TLS with a
 * private CA), and our client configured only through the settings a service reads.
 */
class RegistryAuthTlsTest {
    private static final String USER_INFO = "svc-agentpulse:s3cret:with:colons";
    private static final Schema SCHEMA = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Ping\",\"fields\":[{\"name\":\"n\",\"type\":\"int\"}]}");
    @TempDir
    static Path dir;
    private static final Vertx VERTX = Vertx.vertx();
    private static TestCa ca;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        ca = TestCa.create(dir, "registry-test");
        TestCa.Issued server = ca.issueServer(dir, "registry");
        RegistryServerOptions options = RegistryServerOptions.NONE.withBasicAuth(USER_INFO).withTls(server.certFile(), server.keyFile());
        RegistryServer registry = await(RegistryServer.start(VERTX, 0, dir.resolve("data"), options));
        url = "https://127.0.0.1:" + registry.port();
    }

    @AfterAll
    static void stop() throws Exception {
        await(VERTX.close());
    }

    private static HttpSchemaRegistryClient client(String userInfo, Path caFile) {
        Map<String, String> env = new HashMap<>(Map.of(RegistrySettings.URL, url));
        if (userInfo != null) {
            env.put(RegistrySettings.USER_INFO, userInfo);
        }
        if (caFile != null) {
            env.put(RegistrySettings.CA_FILE, caFile.toString());
        }
        return HttpSchemaRegistryClient.create(RegistrySettings.fromEnv(env));
    }

    @Test
    void theRightCredentialsAndCaRegisterAndLookUp() {
        HttpSchemaRegistryClient client = client(USER_INFO, ca.caFile());
        int id = client.register("ping-value", SCHEMA);

        // A second client has an empty cache, so these go over the wire.
        HttpSchemaRegistryClient other = client(USER_INFO, ca.caFile());
        assertThat(other.lookup("ping-value", SCHEMA)).isEqualTo(id);
        assertThat(other.getById(id)).isEqualTo(SCHEMA);
        assertThat(other.isCompatible("ping-value", SCHEMA)).isTrue();
    }

    @Test
    void aWrongPasswordIsASentenceNamingTheSettingWithoutTheSecret() {
        HttpSchemaRegistryClient client = client("svc-agentpulse:wrong-password", ca.caFile());

        assertThatThrownBy(() -> client.register("ping-value", SCHEMA))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.UNAUTHORIZED))
                .hasMessage("Schema registry at " + url + " refused the credentials of AGENTPULSE_REGISTRY_BASIC_AUTH_USER_INFO"
                        + " on POST /subjects/ping-value/versions (HTTP 401); check the user and password set there.");
    }

    @Test
    void noCredentialsSaysWhichSettingToSet() {
        HttpSchemaRegistryClient client = client(null, ca.caFile());

        assertThatThrownBy(() -> client.getById(1))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("requires authentication on GET /schemas/ids/1 (HTTP 401)")
                .hasMessageContaining("set AGENTPULSE_REGISTRY_BASIC_AUTH_USER_INFO to user:password");
    }

    @Test
    void aWrongCaFailsTheHandshakeAndNamesTheCaSetting() throws Exception {
        TestCa stranger = TestCa.create(dir, "stranger");
        HttpSchemaRegistryClient client = client(USER_INFO, stranger.caFile());

        assertThatThrownBy(() -> client.register("ping-value", SCHEMA))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.UNTRUSTED))
                .hasMessageStartingWith("Schema registry at " + url + " failed the TLS handshake on POST /subjects/ping-value/versions:"
                        + " its certificate is not signed by a CA in AGENTPULSE_REGISTRY_CA_FILE (" + stranger.caFile() + ")")
                .message().doesNotContain("s3cret");
    }

    @Test
    void withoutACaFileThePrivateCaIsNotTrusted() {
        HttpSchemaRegistryClient client = client(USER_INFO, null);

        assertThatThrownBy(() -> client.getById(1))
                .hasMessageContaining("its certificate is not trusted by the JVM; set AGENTPULSE_REGISTRY_CA_FILE");
    }
}
