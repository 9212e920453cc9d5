package io.agentpulse.processor.pricing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every price version known, and the choice of the one in force for a call. Immutable; a new version
 * makes a new book. For a model at time t:
 * <ol>
 * <li>the patterns that match it, best first: exact (case-insensitive, a "provider/" prefix ignored),
 *     then the longest pattern that prefixes it at a separator (gpt-4o-2024-08-06 -> gpt-4o);</li>
 * <li>the first of them with a version in force at t (effective_from <= t) gives its latest such version;</li>
 * <li>when none is in force yet (t before every version), the best pattern's earliest version: a catalog
 *     states prices known before its date, and an old event is better priced by it than left unpriced.</li>
 * </ol>
 * A pattern that is only valid from a later date (an admin's new snapshot name) thus never prices calls
 * made before that date while a broader pattern was in force. Lookups are memoised per model string.
 */
public final class PriceBook {
    private static final int MEMO_LIMIT = 10_000;
    private static final PriceVersion[] NONE = new PriceVersion[0];

    /** Per pattern, versions by effective_from ascending. */
    private final Map<String, PriceVersion[]> byPattern;
    private final List<PriceVersion> all;
    private final Map<String, List<PriceVersion[]>> memo = new ConcurrentHashMap<>();

    public PriceBook(Collection<PriceVersion> versions) {
        Map<String, List<PriceVersion>> grouped = new HashMap<>();
        for (PriceVersion v : versions) {
            grouped.computeIfAbsent(v.pattern(), k -> new ArrayList<>()).add(v);
        }
        Map<String, PriceVersion[]> sorted = new HashMap<>();
        grouped.forEach((p, list) -> sorted.put(p, list.stream()
                .sorted(Comparator.comparing(PriceVersion::effectiveFrom)).toArray(PriceVersion[]::new)));
        this.byPattern = Map.copyOf(sorted);
        this.all = versions.stream().sorted(Comparator.comparing(PriceVersion::pattern)
                .thenComparing(PriceVersion::effectiveFrom)).toList();
    }

    public static PriceBook empty() {
        return new PriceBook(List.of());
    }

    public List<PriceVersion> versions() {
        return all;
    }

    public int size() {
        return all.size();
    }

    /** The version in force for {@code model} at {@code atMillis} (the event's time), if any matches. */
    public Optional<PriceVersion> find(String model, long atMillis) {
        if (model == null) {
            return Optional.empty();
        }
        List<PriceVersion[]> candidates = memo.get(model);
        if (candidates == null) {
            candidates = candidates(normalise(model));
            if (memo.size() < MEMO_LIMIT) { // model strings are an open set: bound the memo
                memo.put(model, candidates);
            }
        }
        for (PriceVersion[] versions : candidates) {
            PriceVersion v = inForce(versions, atMillis);
            if (v != null) {
                return Optional.of(v);
            }
        }
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0)[0]);
    }

    /** Cost in USD and the version that priced it, or empty when no pattern matches. Null counts read 0. */
    public Optional<Priced> price(String model, long atMillis, Long input, Long cached, Long output, Long reasoning) {
        return find(model, atMillis).map(v -> new Priced(v.cost(orZero(input), orZero(cached), orZero(output), orZero(reasoning)), v));
    }

    /** A cost and the version it came from. */
    public record Priced(double costUsd, PriceVersion version) {}

    /** The latest version with effective_from <= t, or null (binary search: versions are ascending). */
    static PriceVersion inForce(PriceVersion[] versions, long t) {
        int lo = 0;
        int hi = versions.length - 1;
        PriceVersion best = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (versions[mid].effectiveFrom().toEpochMilli() <= t) {
                best = versions[mid];
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best;
    }

    /** Matching patterns' versions, best match first: exact, then longer prefixes before shorter. */
    private List<PriceVersion[]> candidates(String name) {
        List<String> matches = new ArrayList<>();
        for (String known : byPattern.keySet()) {
            boolean prefix = name.startsWith(known) && (name.length() == known.length() || isSeparator(name.charAt(known.length())));
            if (prefix) {
                matches.add(known);
            }
        }
        matches.sort(Comparator.comparingInt(String::length).reversed());
        List<PriceVersion[]> out = new ArrayList<>(matches.size());
        matches.forEach(m -> out.add(byPattern.getOrDefault(m, NONE)));
        return List.copyOf(out);
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '@' || c == ':' || c == '.' || c == '_';
    }

    /** Lower case, trimmed, without a "provider/" prefix: how patterns are stored and models compared. */
    public static String normalise(String model) {
        String m = model.trim().toLowerCase(Locale.ROOT);
        int slash = m.lastIndexOf('/');
        return slash >= 0 ? m.substring(slash + 1) : m;
    }

    private static long orZero(Long v) {
        return v == null ? 0L : v;
    }

    /** Time of an instant as epoch ms (for callers holding Instants). */
    public Optional<PriceVersion> find(String model, Instant at) {
        return find(model, at.toEpochMilli());
    }
}
