package io.agentpulse.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the code defines, read from the other modules' main sources: setting names and metric names. */
final class Sources {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern VARIABLE = Pattern.compile("\"(AGENTPULSE_[A-Z0-9_]+)\"");
    private static final Pattern METRIC = Pattern.compile("\"(agentpulse[._][a-z0-9_.]+)\"");

    private Sources() {}

    /** Every AGENTPULSE_* name that appears as a string literal in main code. */
    static Set<String> variables() {
        return matches(VARIABLE, false);
    }

    /** Every Micrometer/Prometheus meter name of ours, in Prometheus form (dots as underscores). */
    static Set<String> metrics() {
        return matches(METRIC, true);
    }

    private static Set<String> matches(Pattern p, boolean dotsToUnderscores) {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/"))
                    .filter(f -> !f.toString().contains("/node_modules/"))
                    .forEach(f -> {
                        Matcher m = p.matcher(read(f));
                        while (m.find()) {
                            out.add(dotsToUnderscores ? m.group(1).replace('.', '_') : m.group(1));
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** KEY=VALUE lines as {@code io.agentpulse.ops.Settings} reads them (comments and blanks skipped). */
    static Map<String, String> envFile(String text) {
        Map<String, String> out = new HashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                int eq = l.indexOf('=');
                out.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        return out;
    }
}
