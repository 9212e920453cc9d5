package io.agentpulse.query.alert;

import io.agentpulse.notify.Channel;
import io.agentpulse.notify.ChannelCheck;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A channel in the API's JSON: {id, name, type, settings: {...}, secrets: {key: {set: bool}}}. Secrets are
 * write-only: the answer says only whether each is set. An edit that leaves a secret out (or null) keeps
 * the stored value; an empty string clears it.
 */
final class ChannelJson {
    private ChannelJson() {}

    static JsonObject masked(Channel c) {
        JsonObject settings = new JsonObject();
        c.settings().forEach(settings::put);
        JsonObject secrets = new JsonObject();
        for (String k : new TreeSet<>(ChannelCheck.secretKeys(c.type()))) {
            String v = c.secrets().get(k);
            secrets.put(k, new JsonObject().put("set", v != null && !v.isEmpty()));
        }
        return new JsonObject().put("id", c.id()).put("name", c.name()).put("type", c.type().wire())
                .put("settings", settings).put("secrets", secrets);
    }

    /** The body as a checked channel; {@code stored} is the current one on an edit (its secrets are kept). */
    static Channel parse(JsonObject b, String pathId, Optional<Channel> stored) {
        if (b == null) {
            throw new IllegalArgumentException("body: must be a channel as a JSON object.");
        }
        String id = b.getValue("id") == null ? pathId : String.valueOf(b.getValue("id"));
        if (pathId != null && !pathId.equals(id)) {
            throw new IllegalArgumentException("id: the body's id '" + id + "' differs from the path's '" + pathId + "'.");
        }
        Channel.Type type = Channel.Type.parse(b.getValue("type") == null ? null : String.valueOf(b.getValue("type")));
        Map<String, String> secrets = new LinkedHashMap<>();
        stored.filter(s -> s.type() == type).ifPresent(s -> secrets.putAll(s.secrets()));
        strings("secrets", b.getValue("secrets")).forEach((k, v) -> {
            if (v == null) {
                return;
            }
            if (v.isEmpty()) {
                secrets.remove(k);
            } else {
                secrets.put(k, v);
            }
        });
        Map<String, String> settings = new LinkedHashMap<>();
        strings("settings", b.getValue("settings")).forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                settings.put(k, v.trim());
            }
        });
        Object name = b.getValue("name");
        Channel c = new Channel(id, name == null ? null : String.valueOf(name).trim(), type, settings, secrets);
        ChannelCheck.check(c);
        return c;
    }

    /** A JSON object of scalars as strings (a number or boolean reads as its text; null stays null). */
    private static Map<String, String> strings(String field, Object v) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof JsonObject o)) {
            throw new IllegalArgumentException(field + ": must be an object of field -> text.");
        }
        for (String k : o.fieldNames()) {
            Object x = o.getValue(k);
            if (x instanceof JsonObject || x instanceof io.vertx.core.json.JsonArray) {
                throw new IllegalArgumentException(field + "." + k + ": must be text, a number or true/false.");
            }
            out.put(k, x == null ? null : String.valueOf(x));
        }
        return out;
    }
}
