package io.agentpulse.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks our own metrics as Prometheus reads them: a scrape through {@code promtool check metrics}
 * (Debian's {@code prometheus} package), and a module's sources for meters made without a HELP sentence.
 * Only lines about {@code agentpulse_} metrics count: library meters (Kafka's) carry lint we cannot fix.
 */
public final class MetricsLint {
    private static final String OWN = "agentpulse_";
    /** Micrometer's shortcuts (registry.counter("name", ...)) take no description: HELP would be empty. */
    private static final Pattern SHORTCUT = Pattern.compile(
            "\\.(counter|gauge|timer|summary|gaugeCollectionSize|gaugeMapSize)\\(\\s*\"(agentpulse[^\"]*)\"");
    private static final Pattern BUILDER = Pattern.compile("builder\\(\\s*\"(agentpulse[^\"]*)\"");

    private MetricsLint() {}

    /**
     * The promtool to run; empty on a machine without it. In CI (CI=true) its absence is an error, so
     * the check can never pass there by being skipped.
     */
    public static Optional<Path> promtool() {
        Optional<Path> found = Stream.concat(Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":")),
                        Stream.of("/usr/bin"))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).findFirst();
        if (found.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("promtool is missing: CI must install Debian's prometheus package (.ci/run)");
        }
        return found;
    }

    /**
     * promtool's complaints about our own metrics in {@code scrape}, and any parse error (empty = clean).
     * Call only when {@link #promtool()} found it.
     */
    public static List<String> ownProblems(String scrape) {
        Path promtool = promtool().orElseThrow(() -> new IllegalStateException("promtool is not installed"));
        try {
            Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
            // written from another thread: promtool may answer while we are still writing a large scrape
            CompletableFuture<Void> in = CompletableFuture.runAsync(() -> write(p.getOutputStream(), scrape));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("promtool did not finish within 60 s");
            }
            in.join();
            return out.lines().filter(l -> l.contains(OWN) || l.startsWith("error")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(OutputStream stdin, String text) {
        try (stdin) {
            stdin.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Our metrics without a HELP sentence (checked with or without promtool): those with an empty HELP line
     * in {@code scrape}, and those {@link #undescribedMeters} finds in the sources under {@code sources}.
     */
    public static List<String> missingHelp(String scrape, Path sources) {
        List<String> found = new ArrayList<>(scrape.lines().filter(l -> l.startsWith("# HELP " + OWN))
                .map(l -> l.substring("# HELP ".length()).strip()).filter(l -> l.indexOf(' ') < 0).toList());
        found.addAll(undescribedMeters(sources));
        return found;
    }

    /** The classes under {@code root} whose source contains {@code text}, e.g. the ones declaring meters. */
    public static List<String> classesDeclaring(Path root, String text) {
        try (Stream<Path> files = Files.walk(root)) {
            List<String> classes = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (Files.readString(f).contains(text)) {
                    String relative = root.relativize(f).toString();
                    classes.add(relative.substring(0, relative.length() - ".java".length()).replace('/', '.'));
                }
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Our meters in the Java sources under {@code root} that would have an empty HELP: made by a
     * registry shortcut, or by a builder without {@code .description(...)} before {@code register(}.
     * Reads literal names only; a scrape test catches the rest.
     */
    private static List<String> undescribedMeters(Path root) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                Matcher m = SHORTCUT.matcher(src);
                while (m.find()) {
                    found.add(f.getFileName() + ": " + m.group(2) + " (registry shortcut, no description)");
                }
                Matcher b = BUILDER.matcher(src);
                while (b.find()) {
                    int end = src.indexOf("register(", b.end());
                    if (end < 0 || !src.substring(b.end(), end).contains(".description(")) {
                        found.add(f.getFileName() + ": " + b.group(1) + " (builder without description)");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
