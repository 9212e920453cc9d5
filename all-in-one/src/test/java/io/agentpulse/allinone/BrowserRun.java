package io.agentpulse.allinone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of web-ui's e2e/dashboard.e2e.mjs under {@code node --test} (spec reporter), its output copied line by line
 * through System.out (a forked test JVM must not share its native stdout). The reporter ends with a "failing tests:"
 * section; it is kept (up to 60 lines) with the names of the failed tests, so that the assertion message, the only
 * part a CI summary may show, says which browser check failed and why.
 */
record BrowserRun(int exitCode, List<String> failedNames, List<String> failingSection) {
    /** "✖ name (123.4ms)": a failed test's line in the spec reporter's summary. */
    private static final Pattern FAILED = Pattern.compile("^\\s*\u2716 (.+) \\([\\d.]+m?s\\)$");

    /** Runs the browser tests whose names match {@code namePattern} (all when null); a run over 4 minutes fails. */
    static BrowserRun run(Path webUi, Map<String, String> env, String namePattern) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-reporter=spec"));
        if (namePattern != null && !namePattern.isBlank()) {
            command.add("--test-name-pattern=" + namePattern);
        }
        command.add("e2e/dashboard.e2e.mjs");
        ProcessBuilder pb = new ProcessBuilder(command).directory(webUi.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        List<String> section = Collections.synchronizedList(new ArrayList<>());
        List<String> names = Collections.synchronizedList(new ArrayList<>());
        Thread pump = new Thread(() -> pump(p, section, names), "browser-output");
        pump.setDaemon(true);
        pump.start();
        if (!p.waitFor(4, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("The browser test did not finish within 4 minutes.");
        }
        pump.join(5_000);
        return new BrowserRun(p.exitValue(), List.copyOf(names), List.copyOf(section));
    }

    private static void pump(Process p, List<String> section, List<String> names) {
        boolean[] inSection = {false};
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).lines().forEach(line -> {
            System.out.println("[browser] " + line);
            inSection[0] |= line.contains("failing tests:");
            if (!inSection[0]) {
                return;
            }
            if (section.size() < 60) {
                section.add(line);
            }
            Matcher m = FAILED.matcher(line);
            if (m.matches() && !names.contains(m.group(1))) {
                names.add(m.group(1));
            }
        });
    }

    /** A --test-name-pattern (a JavaScript regular expression) that matches exactly these test names. */
    static String exactly(List<String> names) {
        return "^(" + String.join("|", names.stream().map(n -> n.replaceAll("[\\\\^$.|?*+()\\[\\]{}/]", "\\\\$0")).toList())
                + ")$";
    }
}
