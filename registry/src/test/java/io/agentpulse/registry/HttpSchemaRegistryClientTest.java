package io.agentpulse.registry;

import io.agentpulse.contract.registry.SchemaRegistryException;
import io.agentpulse.contract.registry.SchemaRegistryClient;
import io.agentpulse.contract.registry.HttpSchemaRegistryClient;
import io.agentpulse.contract.registry.RegistrySettings;


import java.util.Map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract over HTTP against a real {@link RegistryServer} on a free port. */
class HttpSchemaRegistryClientTest extends SchemaRegistryContractTest {
    @TempDir
    Path dataDir;
    private final Vertx vertx = Vertx.vertx();
    private RegistryServer server;
    private HttpSchemaRegistryClient client;

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @BeforeEach
    void start() throws Exception {
        server = await(RegistryServer.start(vertx, 0, dataDir));
        client = HttpSchemaRegistryClient.create(RegistrySettings.fromEnv(Map.of(RegistrySettings.URL, "http://127.0.0.1:" + server.port() + "/")));
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    @Override
    SchemaRegistryClient client() {
        return client;
    }

    @Test
    void restartKeepsIdsAndKeepsCounting() throws Exception {
        int v1 = client.register("ping-value", V1);
        int v2 = client.register("ping-value", V2);
        await(server.close());

        server = await(RegistryServer.start(vertx, 0, dataDir));
        HttpSchemaRegistryClient fresh = HttpSchemaRegistryClient.create(RegistrySettings.fromEnv(Map.of(RegistrySettings.URL, "http://127.0.0.1:" + server.port())));

        assertThat(fresh.getById(v1)).isEqualTo(V1);
        assertThat(fresh.lookup("ping-value", V2)).isEqualTo(v2);
        assertThat(fresh.register("ping-value", V1)).isEqualTo(v1);
        assertThat(fresh.isCompatible("ping-value", BREAKING)).isFalse();
        int other = fresh.register("other-value", parse("{\"type\":\"record\",\"name\":\"Other\",\"fields\":[]}"));
        assertThat(other).isGreaterThan(Math.max(v1, v2));
    }

    @Test
    void aRegistryThatDoesNotAnswerIsUnreachableNotNotFound() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        HttpSchemaRegistryClient dead = HttpSchemaRegistryClient.create(RegistrySettings.fromEnv(Map.of(RegistrySettings.URL, "http://127.0.0.1:" + closedPort)));

        assertThatThrownBy(() -> dead.getById(1))
            .isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.UNREACHABLE))
            .hasMessageContaining("did not answer");
    }

    @Test
    void errorsCarryTheRegistrysCodeAndMessage() {
        assertThatThrownBy(() -> client.lookup("nobody-value", V1))
            .hasMessageContaining("HTTP 404").hasMessageContaining("40401").hasMessageContaining("nobody-value");
    }

    @Test
    void cachedIdsNeedNoRegistry() throws Exception {
        int id = client.register("ping-value", V1);
        await(server.close());

        assertThat(client.register("ping-value", V1)).isEqualTo(id);
        assertThat(client.getById(id)).isEqualTo(V1);
        assertThat(client.lookup("ping-value", V1)).isEqualTo(id);
    }
}
