package io.agentpulse.processor.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A versioned price list (resource prices/catalog.json, or a deployment's file). Model names match
 * exactly, then by alias, then by the longest known name that prefixes them (dated snapshots such as
 * gpt-4o-2024-08-06); a "provider/" prefix is ignored. Lookups are memoised per model string.
 */
public final class PriceCatalog {
    static final String RESOURCE = "prices/catalog.json";
    private static final int MEMO_LIMIT = 10_000;

    private final String version;
    private final String source;
    private final LocalDate asOf;
    private final Map<String, ModelPrice> byName;
    private final Map<String, Optional<ModelPrice>> memo = new ConcurrentHashMap<>();

    private PriceCatalog(String version, String source, LocalDate asOf, Map<String, ModelPrice> byName) {
        this.version = version;
        this.source = source;
        this.asOf = asOf;
        this.byName = byName;
    }

    public String version() {
        return version;
    }

    public String source() {
        return source;
    }

    LocalDate asOf() {
        return asOf;
    }

    /** Loads the file when given, else the bundled resource. */
    public static PriceCatalog load(Optional<Path> file) {
        try (InputStream in = file.isPresent() ? Files.newInputStream(file.get())
                : PriceCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The price catalog resource " + RESOURCE + " is missing from the classpath.");
            }
            return parse(new ObjectMapper().readTree(in), file.map(Path::toString).orElse(RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException("The price catalog " + file.map(Path::toString).orElse(RESOURCE) + " cannot be read.", e);
        }
    }

    static PriceCatalog parse(JsonNode root, String origin) {
        for (String field : new String[] {"version", "source", "as_of", "models"}) {
            if (!root.hasNonNull(field)) {
                throw new IllegalArgumentException("The price catalog " + origin + " lacks the field '" + field + "'.");
            }
        }
        Map<String, ModelPrice> byName = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("models").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ModelPrice p = price(e.getKey(), e.getValue(), origin);
            byName.put(normalise(e.getKey()), p);
            e.getValue().path("aliases").forEach(a -> byName.put(normalise(a.asText()), p));
        }
        return new PriceCatalog(root.get("version").asText(), root.get("source").asText(),
                LocalDate.parse(root.get("as_of").asText()), Map.copyOf(byName));
    }

    private static ModelPrice price(String model, JsonNode n, String origin) {
        if (!n.path("input").isNumber() || !n.path("output").isNumber()) {
            throw new IllegalArgumentException("The price catalog " + origin + " gives model '" + model
                    + "' no numeric 'input' and 'output' prices (USD per million tokens).");
        }
        double input = n.get("input").asDouble();
        double output = n.get("output").asDouble();
        return new ModelPrice(model, input, n.path("cached_input").asDouble(input), output, n.path("reasoning").asDouble(output));
    }

    /** The price of a model, if the catalog knows it. */
    Optional<ModelPrice> find(String model) {
        if (model == null) {
            return Optional.empty();
        }
        Optional<ModelPrice> hit = memo.get(model);
        if (hit == null) {
            hit = Optional.ofNullable(resolve(normalise(model)));
            if (memo.size() < MEMO_LIMIT) { // unknown model strings are an open set: bound the memo
                memo.put(model, hit);
            }
        }
        return hit;
    }

    private ModelPrice resolve(String name) {
        ModelPrice exact = byName.get(name);
        if (exact != null) {
            return exact;
        }
        String best = null;
        for (String known : byName.keySet()) {
            boolean prefix = name.startsWith(known) && (name.length() == known.length() || isSeparator(name.charAt(known.length())));
            if (prefix && (best == null || known.length() > best.length())) {
                best = known;
            }
        }
        return best == null ? null : byName.get(best);
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '@' || c == ':' || c == '.' || c == '_';
    }

    private static String normalise(String model) {
        String m = model.trim().toLowerCase(Locale.ROOT);
        int slash = m.lastIndexOf('/');
        return slash >= 0 ? m.substring(slash + 1) : m;
    }

    /**
     * The catalog as price versions: one per model name and alias, in force from {@code as_of} 00:00 UTC
     * (ids "pattern@instant", so loading the same file again adds nothing).
     */
    public java.util.List<PriceVersion> versions(String createdBy) {
        java.time.Instant from = asOf.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        return byName.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> new PriceVersion(
                PriceVersion.idOf(e.getKey(), from), e.getKey(), from, e.getValue().input(), e.getValue().cachedInput(),
                e.getValue().output(), e.getValue().reasoning(), "file", version, createdBy)).toList();
    }

    /** Cost in USD, or empty when the model is unknown. Null token counts read as zero. */
    public Optional<Double> price(String model, Long input, Long cached, Long output, Long reasoning) {
        return find(model).map(p -> p.cost(orZero(input), orZero(cached), orZero(output), orZero(reasoning)));
    }

    private static long orZero(Long v) {
        return v == null ? 0L : v;
    }
}
