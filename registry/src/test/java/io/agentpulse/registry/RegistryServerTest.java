package io.agentpulse.registry;

import static io.agentpulse.registry.HttpSchemaRegistryClientTest.await;
import static io.agentpulse.registry.SchemaRegistryContractTest.BREAKING;
import static io.agentpulse.registry.SchemaRegistryContractTest.V1;
import static io.agentpulse.registry.SchemaRegistryContractTest.V2;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST surface as Confluent's clients see it: paths, bodies, status codes, error bodies. */
class RegistryServerTest {
    private static final String CT = "application/vnd.schemaregistry.v1+json";
    @TempDir
    Path dataDir;
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newHttpClient();
    private RegistryServer server;

    @BeforeEach
    void start() throws Exception {
        server = await(RegistryServer.start(vertx, 0, dataDir));
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", CT);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String schemaBody(Schema s) {
        return new JsonObject().put("schema", s.toString()).encode();
    }

    private static void assertError(HttpResponse<String> r, int status, int code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(CT);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getInteger("error_code")).isEqualTo(code);
        assertThat(body.getString("message")).isNotBlank();
    }

    @Test
    void subjectsVersionsAndLatestReadLikeConfluent() throws Exception {
        JsonObject reg = new JsonObject(call("POST", "/subjects/ping-value/versions", schemaBody(V1)).body());
        call("POST", "/subjects/ping-value/versions", schemaBody(V2));

        assertThat(new JsonArray(call("GET", "/subjects", null).body())).containsExactly("ping-value");
        assertThat(new JsonArray(call("GET", "/subjects/ping-value/versions", null).body())).containsExactly(1, 2);
        JsonObject latest = new JsonObject(call("GET", "/subjects/ping-value/versions/latest", null).body());
        assertThat(latest.getInteger("version")).isEqualTo(2);
        assertThat(latest.getString("subject")).isEqualTo("ping-value");
        JsonObject first = new JsonObject(call("GET", "/subjects/ping-value/versions/1", null).body());
        assertThat(first.getInteger("id")).isEqualTo(reg.getInteger("id"));
        assertThat(new Schema.Parser().parse(first.getString("schema"))).isEqualTo(V1);
        JsonObject looked = new JsonObject(call("POST", "/subjects/ping-value", schemaBody(V2)).body());
        assertThat(looked.getInteger("version")).isEqualTo(2);
        assertThat(new JsonObject(call("GET", "/schemas/ids/" + reg.getInteger("id"), null).body()).getString("schema"))
            .isEqualTo(V1.toString());
    }

    @Test
    void errorBodiesCarryConfluentCodes() throws Exception {
        assertError(call("GET", "/subjects/nope/versions", null), 404, 40401);
        call("POST", "/subjects/ping-value/versions", schemaBody(V1));
        assertError(call("GET", "/subjects/ping-value/versions/7", null), 404, 40402);
        assertError(call("GET", "/subjects/ping-value/versions/x", null), 422, 42202);
        assertError(call("GET", "/schemas/ids/999", null), 404, 40403);
        assertError(call("POST", "/subjects/ping-value", schemaBody(V2)), 404, 40403);
        assertError(call("POST", "/subjects/ping-value/versions", schemaBody(BREAKING)), 409, 409);
        assertError(call("POST", "/subjects/ping-value/versions", "{\"schema\":\"{not avro\"}"), 422, 42201);
        assertError(call("POST", "/subjects/ping-value/versions", "not json"), 400, 400);
    }

    @Test
    void onlyAvroIsAccepted() throws Exception {
        String proto = new JsonObject().put("schema", "syntax = \"proto3\"; message M {}").put("schemaType", "PROTOBUF").encode();
        assertError(call("POST", "/subjects/p-value/versions", proto), 422, 42201);
        String explicitAvro = new JsonObject().put("schema", V1.toString()).put("schemaType", "AVRO").encode();
        assertThat(call("POST", "/subjects/p-value/versions", explicitAvro).statusCode()).isEqualTo(200);
    }

    @Test
    void compatibilityEndpointAndConfig() throws Exception {
        call("POST", "/subjects/ping-value/versions", schemaBody(V1));
        String path = "/compatibility/subjects/ping-value/versions/latest";
        assertThat(new JsonObject(call("POST", path, schemaBody(V2)).body()).getBoolean("is_compatible")).isTrue();
        assertThat(new JsonObject(call("POST", path, schemaBody(BREAKING)).body()).getBoolean("is_compatible")).isFalse();

        assertThat(new JsonObject(call("GET", "/config", null).body()).getString("compatibilityLevel")).isEqualTo("BACKWARD");
        assertError(call("GET", "/config/ping-value", null), 404, 40408);
        assertThat(new JsonObject(call("GET", "/config/ping-value?defaultToGlobal=true", null).body())
            .getString("compatibilityLevel")).isEqualTo("BACKWARD");

        HttpResponse<String> put = call("PUT", "/config/ping-value", "{\"compatibility\":\"NONE\"}");
        assertThat(new JsonObject(put.body()).getString("compatibility")).isEqualTo("NONE");
        assertThat(new JsonObject(call("POST", path, schemaBody(BREAKING)).body()).getBoolean("is_compatible")).isTrue();
        assertThat(call("POST", "/subjects/ping-value/versions", schemaBody(BREAKING)).statusCode()).isEqualTo(200);
        assertError(call("PUT", "/config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
    }

    @Test
    void globalConfigAndSubjectConfigSurviveRestartInAnAtomicallyWrittenFile() throws Exception {
        call("PUT", "/config", "{\"compatibility\":\"FULL_TRANSITIVE\"}");
        call("PUT", "/config/x-value", "{\"compatibility\":\"FORWARD\"}");
        call("POST", "/subjects/x-value/versions", schemaBody(V1));
        await(server.close());

        assertThat(dataDir.resolve("registry.json")).exists();
        assertThat(Files.exists(dataDir.resolve("registry.json.tmp"))).isFalse();
        server = await(RegistryServer.start(vertx, 0, dataDir));

        assertThat(new JsonObject(call("GET", "/config", null).body()).getString("compatibilityLevel")).isEqualTo("FULL_TRANSITIVE");
        assertThat(new JsonObject(call("GET", "/config/x-value", null).body()).getString("compatibilityLevel")).isEqualTo("FORWARD");
        assertThat(new JsonArray(call("GET", "/subjects/x-value/versions", null).body())).containsExactly(1);
    }

    @Test
    void aDamagedStateFileStopsTheStartInsteadOfBeingOverwritten() throws Exception {
        await(server.close());
        Files.writeString(dataDir.resolve("registry.json"), "{ half a file");

        Throwable failure = RegistryServer.start(vertx, 0, dataDir).toCompletionStage().toCompletableFuture()
            .handle((ok, err) -> err).get();

        assertThat(failure).hasMessageContaining("damaged").hasMessageContaining("registry.json");
        assertThat(Files.readString(dataDir.resolve("registry.json"))).isEqualTo("{ half a file");
        server = await(RegistryServer.start(vertx, 0, Files.createTempDirectory(dataDir, "fresh")));
    }
}
