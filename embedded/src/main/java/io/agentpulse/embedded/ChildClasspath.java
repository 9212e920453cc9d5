package io.agentpulse.embedded;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The class path for the broker's child JVM: this JVM's {@code java.class.path} (Maven's test
 * class path, or the one shaded jar), preceded by the URLs of the class loader that loaded us when
 * that is a URLClassLoader (e.g. {@code mvn exec:java}, where java.class.path is Maven's own).
 * Entries are made absolute.
 */
final class ChildClasspath {
    private ChildClasspath() {
    }

    static String resolve() {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader cl = ChildClasspath.class.getClassLoader(); cl != null; cl = cl.getParent()) {
            if (cl instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    toPath(url).ifPresent(entries::add);
                }
            }
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                // Absolute: the child runs in the data directory, where a relative entry
                // (java -jar target/app.jar) would point nowhere.
                entries.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static java.util.Optional<String> toPath(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
