package io.agentpulse.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The settings of a standalone service: the optional file named by {@code AGENTPULSE_CONFIG_FILE}
 * ({@code KEY=VALUE} lines, {@code #} comments, an optional {@code export } prefix, optional
 * surrounding quotes), overlaid by the environment (the environment wins, so an operator can
 * override one value of a mounted file). Only {@code AGENTPULSE_*} keys are taken from the file.
 */
public final class Settings {
    public static final String CONFIG_FILE = "AGENTPULSE_CONFIG_FILE";
    private static volatile Map<String, String> process;

    private Settings() {}

    /** The file (if named) overlaid by {@code env}. A missing or malformed file is a ConfigException. */
    public static Map<String, String> load(Map<String, String> env) {
        String file = env.get(CONFIG_FILE);
        if (file == null || file.isBlank()) {
            return Map.copyOf(env);
        }
        Map<String, String> merged = new HashMap<>(parse(Path.of(file.trim())));
        merged.putAll(env);
        return Map.copyOf(merged);
    }

    /** {@link #load} of this process's environment, read once; what every *Main and Kafka client uses. */
    public static Map<String, String> process() {
        Map<String, String> p = process;
        if (p == null) {
            p = load(System.getenv());
            process = p;
        }
        return p;
    }

    /**
     * The names {@code build} looks up when given no settings at all: the variables a config class reads, for
     * the README settings-table test. Every config reads each of its names unconditionally (a default applies
     * when unset), so the empty build sees them all.
     */
    public static Set<String> namesRead(Function<Map<String, String>, ?> build) {
        Set<String> names = new TreeSet<>();
        build.apply(new AbstractMap<String, String>() {
            @Override
            public String get(Object key) {
                names.add(key.toString());
                return null;
            }

            @Override
            public boolean containsKey(Object key) {
                names.add(key.toString());
                return false;
            }

            @Override
            public Set<Entry<String, String>> entrySet() {
                return Set.of();
            }
        });
        return Collections.unmodifiableSet(names);
    }

    /** A read-only copy of {@code values} whose toString names the keys only: the values may be passwords. */
    public static <V> Map<String, V> hidingValues(Map<String, V> values) {
        Map<String, V> copy = Map.copyOf(values);
        return new AbstractMap<>() {
            @Override
            public Set<Entry<String, V>> entrySet() {
                return copy.entrySet();
            }

            @Override
            public V get(Object key) {
                return copy.get(key);
            }

            @Override
            public String toString() {
                return new TreeSet<>(copy.keySet()) + " (values hidden)";
            }
        };
    }

    /**
     * A record's toString with the named components shown as {@code (hidden)}: for config records
     * holding passwords, whose default toString would print them into a log line or an exception.
     */
    public static String describeHiding(Record config, Set<String> hidden) {
        StringJoiner out = new StringJoiner(", ", config.getClass().getSimpleName() + "[", "]");
        for (RecordComponent c : config.getClass().getRecordComponents()) {
            Object value;
            try {
                value = hidden.contains(c.getName()) ? "(hidden)" : c.getAccessor().invoke(config);
            } catch (ReflectiveOperationException e) {
                value = "(unreadable)";
            }
            out.add(c.getName() + "=" + value);
        }
        return out.toString();
    }

    static Map<String, String> parse(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(CONFIG_FILE, CONFIG_FILE + " names \"" + path + "\", which cannot be read ("
                    + e.getMessage() + "); expected a readable file of KEY=VALUE lines.");
        }
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(CONFIG_FILE, "Line " + (i + 1) + " of the configuration file \"" + path
                        + "\" reads \"" + line + "\", which is not valid; expected KEY=VALUE.");
            }
            String key = line.substring(0, eq).strip();
            if (key.startsWith("AGENTPULSE_")) {
                out.put(key, unquote(line.substring(eq + 1).strip()));
            }
        }
        return out;
    }

    private static String unquote(String v) {
        boolean quoted = v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"));
        return quoted ? v.substring(1, v.length() - 1) : v;
    }
}
