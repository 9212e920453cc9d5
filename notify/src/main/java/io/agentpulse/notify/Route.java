package io.agentpulse.notify;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One entry of a rule's "channels" list: "ops-hook" (every severity), "pd:critical" (critical only),
 * "mail:warning" (warning and critical), "*" or "*:critical" (every channel). A rule with an empty list
 * routes to the channel "default". Severities rank INFO &lt; WARNING &lt; CRITICAL.
 */
public record Route(String channel, String minSeverity) {
    public static final String ALL = "*";
    public static final String DEFAULT = "default";
    private static final List<String> RANK = List.of("INFO", "WARNING", "CRITICAL");

    public static Route parse(String entry) {
        String s = entry == null ? "" : entry.trim();
        int colon = s.indexOf(':');
        String id = colon < 0 ? s : s.substring(0, colon);
        String min = colon < 0 ? "INFO" : s.substring(colon + 1).trim().toUpperCase(Locale.ROOT);
        if (id.isEmpty()) {
            throw new IllegalArgumentException("channels: '" + entry + "' names no channel; use an id, 'id:critical' or '*'.");
        }
        if (!RANK.contains(min)) {
            throw new IllegalArgumentException("channels: '" + entry + "' has the minimum severity '" + min.toLowerCase(Locale.ROOT)
                    + "'; use info, warning or critical.");
        }
        return new Route(id, min);
    }

    public boolean admits(String severity) {
        return RANK.indexOf(severity.toUpperCase(Locale.ROOT)) >= RANK.indexOf(minSeverity);
    }

    /**
     * The channel ids a transition of {@code severity} goes to, in route order, each once; "*" expands to
     * {@code known}. Unknown ids stay in the answer (the caller leaves out what it cannot find).
     */
    public static List<String> select(List<String> entries, Collection<String> known, String severity) {
        if (entries.isEmpty()) {
            return List.of(DEFAULT);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String e : entries) {
            Route r = parse(e);
            if (r.admits(severity)) {
                if (r.channel().equals(ALL)) {
                    out.addAll(known.stream().sorted().toList());
                } else {
                    out.add(r.channel());
                }
            }
        }
        return List.copyOf(out);
    }
}
