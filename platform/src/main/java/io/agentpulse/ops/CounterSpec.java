package io.agentpulse.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * One counter's name, HELP sentence and tag keys, declared once. Every place that counts it then
 * agrees on the tag keys (Prometheus refuses a second key set for one name) and {@code /metrics}
 * never shows an empty HELP, which {@code promtool check metrics} flags.
 */
public record CounterSpec(String name, String description, List<String> tagKeys) {
    public CounterSpec {
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException(name + " needs a description: it becomes the HELP line of /metrics");
        }
        tagKeys = List.copyOf(tagKeys);
    }

    public CounterSpec(String name, String description, String... tagKeys) {
        this(name, description, List.of(tagKeys));
    }

    /** The counter for these tag values, given in the order of {@link #tagKeys()}. */
    public Counter counter(MeterRegistry registry, String... tagValues) {
        if (tagValues.length != tagKeys.size()) {
            throw new IllegalArgumentException(name + " is tagged by " + tagKeys + ", not by " + tagValues.length + " values");
        }
        Counter.Builder b = Counter.builder(name).description(description);
        for (int i = 0; i < tagValues.length; i++) {
            b.tag(tagKeys.get(i), tagValues[i]);
        }
        return b.register(registry);
    }

    /** The same counter with the example value "x" for every tag, as a scrape shows it once it counted. */
    public Counter example(MeterRegistry registry) {
        return counter(registry, tagKeys.stream().map(k -> "x").toArray(String[]::new));
    }

    /** Registers every counter the named classes declare with {@link #example} values, as a lint test needs. */
    public static void registerExamples(MeterRegistry registry, List<String> classNames) throws ClassNotFoundException {
        for (String c : classNames) {
            declaredIn(Class.forName(c)).forEach(s -> s.example(registry));
        }
    }

    /** Every constant of this type {@code catalog} declares, so a test can register all of a service's counters. */
    public static List<CounterSpec> declaredIn(Class<?> catalog) {
        List<CounterSpec> specs = new ArrayList<>();
        for (Field f : catalog.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == CounterSpec.class) {
                try {
                    f.setAccessible(true);
                    specs.add((CounterSpec) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + f, e);
                }
            }
        }
        return specs;
    }
}
