package io.agentpulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes a benchmark's figures into bench/README.md between {@code <!-- bench:NAME -->} and
 * {@code <!-- /bench:NAME -->} (appended when the markers are missing), so every run leaves its
 * latest figures, command and machine in one place. Run from the repository root (or set
 * AGENTPULSE_BENCH_README).
 */
public final class BenchReadme {
    private BenchReadme() {}

    public static Path path() {
        String p = System.getenv().getOrDefault("AGENTPULSE_BENCH_README", "bench/README.md");
        return Path.of(p);
    }

    /** The checked-out commit (short hash, "+changes" when the tree differs), or "unknown" outside git. */
    static String commit() {
        try {
            Process p = new ProcessBuilder("git", "describe", "--always", "--dirty=+changes").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 && !out.isEmpty() ? out : "unknown";
        } catch (java.io.IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Replaces section {@code name} with {@code body}, stamped with the time and the machine. */
    public static synchronized void write(String name, String command, String body) {
        String open = "<!-- bench:" + name + " -->";
        String close = "<!-- /bench:" + name + " -->";
        String section = open + "\n" + "Command: `" + settings() + command + "`  \nRun: " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + " at commit " + commit()
                + " on " + Machine.describe() + ", load average " + Machine.loadAverage()
                + " when the figures were written\n\n" + body.strip() + "\n" + close;
        Path file = path();
        try {
            String text = Files.exists(file) ? Files.readString(file) : "# Agent Pulse benchmarks\n";
            int a = text.indexOf(open);
            int b = text.indexOf(close);
            String next = a >= 0 && b > a
                    ? text.substring(0, a) + section + text.substring(b + close.length())
                    : text.stripTrailing() + "\n\n" + section + "\n";
            Files.writeString(file, next);
            System.out.println("Figures written to " + file.toAbsolutePath() + " (section " + name + ").");
        } catch (IOException e) {
            System.err.println("Could not write " + file + ": " + e.getMessage());
        }
    }

    /**
     * The AGENTPULSE_* variables of this process's environment, as a shell prefix ("" when none): a run with
     * a setting changed says so in its command. Names that look secret (password, key, token, secret) are left out.
     */
    static String settings() {
        return System.getenv().entrySet().stream()
                .filter(e -> e.getKey().startsWith("AGENTPULSE_") && !e.getKey().matches(".*(PASSWORD|KEY|TOKEN|SECRET).*"))
                .sorted(java.util.Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue() + " ")
                .collect(java.util.stream.Collectors.joining());
    }

    /** A markdown table from a header and rows. */
    public static String table(List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> sb.append("---|"));
        sb.append('\n');
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }
}
