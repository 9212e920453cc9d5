package io.agentpulse.contract.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of a Confluent-compatible registry over HTTP ({@code java.net.http}). Ids and schemas
 * are immutable once assigned, so they are cached for the life of the client; compatibility
 * checks are not (the subject may change). Basic auth and TLS trust come from {@link RegistrySettings};
 * a 401/403 or an untrusted certificate becomes a sentence naming the setting to fix.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);

    private final RegistrySettings settings;
    private final String baseUrl;
    private final HttpClient http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    /** (subject, schema text) -> id; filled by register and lookup. */
    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, String schema) {}

    private HttpSchemaRegistryClient(RegistrySettings settings) {
        this.settings = settings;
        this.baseUrl = settings.url();
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT);
        settings.tls().ifPresent(b::sslContext);
        this.http = b.build();
    }

    /**
     * The one way to make a client: from {@link RegistrySettings#fromEnv}, so basic auth and the CA
     * file of the service's settings always apply.
     */
    public static HttpSchemaRegistryClient create(RegistrySettings settings) {
        if (settings.basicAuth() && settings.url().startsWith("http://")) {
            LOG.warn("The schema registry password is sent without TLS to {}: use an https:// URL outside a trusted network.",
                settings.url());
        }
        return new HttpSchemaRegistryClient(settings);
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema.toString());
        Integer cached = ids.get(key);
        if (cached != null) {
            return cached;
        }
        int id = call("POST", "/subjects/" + enc(subject) + "/versions", schemaBody(schema)).get("id").asInt();
        ids.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String text = call("GET", "/schemas/ids/" + id, null).get("schema").asText();
        Schema schema = SchemaRegistryException.parseSchema(text);
        schemasById.put(id, schema);
        return schema;
    }

    @Override
    public int lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema.toString());
        Integer cached = ids.get(key);
        if (cached != null) {
            return cached;
        }
        int id = call("POST", "/subjects/" + enc(subject), schemaBody(schema)).get("id").asInt();
        ids.put(key, id);
        return id;
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            return call("POST", "/compatibility/subjects/" + enc(subject) + "/versions/latest", schemaBody(schema))
                .get("is_compatible").asBoolean();
        } catch (SchemaRegistryException e) {
            // Older Confluent versions answer 40401 for a subject with no versions: nothing to break.
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
                return true;
            }
            throw e;
        }
    }

    private static String schemaBody(Schema schema) {
        ObjectNode body = JSON.createObjectNode().put("schema", schema.toString());
        return body.toString();
    }

    private JsonNode call(String method, String path, String body) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT)
            .header("Accept", CONTENT_TYPE)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            req.header("Content-Type", CONTENT_TYPE);
        }
        settings.authorization().ifPresent(value -> req.header("Authorization", value));
        HttpResponse<String> res;
        try {
            res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unreachable(method, path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(method, path, e);
        }
        JsonNode json = parse(res.body());
        if (res.statusCode() == 401 || res.statusCode() == 403) {
            throw RegistryFailures.denied(baseUrl, method + " " + path, res.statusCode(), settings.basicAuth());
        }
        if (res.statusCode() >= 300 || json == null) {
            throw refused(method, path, res.statusCode(), json, res.body());
        }
        return json;
    }

    private static JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private SchemaRegistryException refused(String method, String path, int status, JsonNode json, String raw) {
        int code = json != null && json.has("error_code") ? json.get("error_code").asInt() : status;
        String message = json != null && json.has("message") ? json.get("message").asText() : abbreviate(raw);
        return new SchemaRegistryException(code, "Schema registry at " + baseUrl + " refused " + method + " " + path
            + " with HTTP " + status + " (error " + code + "): " + message);
    }

    private SchemaRegistryException unreachable(String method, String path, Exception e) {
        SchemaRegistryException tls = RegistryFailures.untrusted(baseUrl, method + " " + path, e, settings.caFile());
        if (tls != null) {
            return tls;
        }
        return new SchemaRegistryException(SchemaRegistryException.UNREACHABLE, "Schema registry at " + baseUrl
            + " did not answer " + method + " " + path + ": " + e, e);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private static String enc(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
