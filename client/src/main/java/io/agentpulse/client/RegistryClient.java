package io.agentpulse.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Registers the event schema in a Confluent-compatible registry ({@code POST /subjects/{subject}/versions}) for its id. */
final class RegistryClient {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private final KafkaOptions options;
    private final HttpClient http;

    RegistryClient(KafkaOptions options) {
        this.options = options;
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(options.timeout);
        if (options.registryTls != null) {
            b.sslContext(options.registryTls);
        }
        this.http = b.build();
    }

    /**
     * @throws Transport.RetryableException when the registry is unreachable or answers 5xx
     * @throws IllegalStateException        when it refuses (bad credentials, incompatible schema), naming what to fix
     */
    int register(String subject, String schemaJson) throws Transport.RetryableException, InterruptedException {
        StringBuilder body = new StringBuilder(schemaJson.length() + 32).append("{\"schema\":");
        EventJsonWriter.string(schemaJson, body);
        URI uri = URI.create(options.registryUrl + "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions");
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(options.timeout)
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body.append('}').toString()));
        if (options.registryAuthorization != null) {
            req.header("Authorization", options.registryAuthorization);
        }
        HttpResponse<String> r;
        try {
            r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Transport.RetryableException("the schema registry at " + options.registryUrl + " is unreachable: " + e, 0);
        }
        Matcher id = ID.matcher(r.body());
        if (r.statusCode() == 200 && id.find()) {
            return Integer.parseInt(id.group(1));
        }
        if (r.statusCode() >= 500) {
            throw new Transport.RetryableException("the schema registry answered " + r.statusCode() + ": " + r.body(), 0);
        }
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new IllegalStateException("The schema registry at " + options.registryUrl + " refused the credentials (" + r.statusCode()
                    + "); set KafkaOptions.Builder.registryBasicAuth(\"user:password\") to an account allowed to register " + subject + ".");
        }
        throw new IllegalStateException("The schema registry refused to register " + subject + " with " + r.statusCode() + ": " + r.body());
    }
}
