package io.agentpulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One line describing this machine: cores, memory, CPU model (/proc/cpuinfo), Java, load. */
public final class Machine {
    private Machine() {}

    public static String describe() {
        return Runtime.getRuntime().availableProcessors() + " cores (nproc), " + memory() + " RAM, " + cpu()
                + ", Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")" + jvm();
    }

    /**
     * This JVM's flags that change what a run measures (heap bound and garbage collector): a benchmark's command line
     * names the class and its options only, and the same run under another collector spends its CPU differently.
     */
    private static String jvm() {
        List<String> flags = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmx") || a.startsWith("-Xms") || a.matches("-XX:[+-]Use\\w+GC")).toList();
        String gcs = String.join(" + ", java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName).toList());
        return ", JVM flags [" + String.join(" ", flags) + "], collectors " + gcs;
    }

    private static String cpu() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name", "unknown CPU");
    }

    private static String memory() {
        String kb = firstValue(Path.of("/proc/meminfo"), "MemTotal", "0 kB").replace("kB", "").trim();
        try {
            return String.format("%.1f GiB", Long.parseLong(kb) / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return "unknown";
        }
    }

    /** The 1-minute load average now (benchmarks state it at the start and at the end). */
    public static String loadAverage() {
        return load();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String firstValue(Path file, String key, String fallback) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String l : lines) {
                if (l.startsWith(key)) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux: fall through
        }
        return fallback;
    }
}
