package io.agentpulse.processor.alert;

import io.agentpulse.contract.rule.AlertRule;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The default rule pack shipped as alerts/default-rules.json (loaded into PostgreSQL on first start). */
public final class DefaultRules {
    private DefaultRules() {}

    public record Pack(String version, List<AlertRule> rules) {}

    public static Pack load() {
        try (InputStream in = DefaultRules.class.getResourceAsStream("/alerts/default-rules.json")) {
            if (in == null) {
                throw new IllegalStateException("alerts/default-rules.json is missing from the class path.");
            }
            JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
            List<AlertRule> rules = new ArrayList<>();
            root.get("rules").forEach(n -> rules.add(AlertRule.fromJson(n)));
            return new Pack(root.get("version").asText(), rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
