package io.agentpulse.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.embedded.EmbeddedConfig;
import io.agentpulse.ingest.gateway.GatewayConfig;
import io.agentpulse.ops.Settings;
import io.agentpulse.processor.config.ProcessorConfig;
import io.agentpulse.query.QueryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's settings table (section "Settings": module | name | default | variable | meaning) against the
 * code: the names every configuration reads ({@code Settings.namesRead} of its {@code fromEnv}), and the
 * defaults it applies when a variable is unset.
 */
class SettingsTableTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern NAME = Pattern.compile("AGENTPULSE_[A-Z0-9_]*[A-Z0-9]");
    /** A whole string literal naming a setting, in main sources. */
    private static final Pattern LITERAL = Pattern.compile("\"(AGENTPULSE_[A-Z0-9_]*[A-Z0-9])\"");
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final List<String> SERVICE_MODULES = List.of("platform", "contract", "registry", "security", "embedded", "ingest",
            "stream-processor", "query-api", "all-in-one");

    /** Read by name outside the config classes, each with the file that reads it. */
    private static final Map<String, String> READ_ELSEWHERE = Map.of(
            Settings.CONFIG_FILE, "platform/src/main/java/io/agentpulse/ops/Settings.java",
            "AGENTPULSE_LOG_LEVEL", "all-in-one/src/main/resources/logback.xml",
            "AGENTPULSE_CHROMIUM", "web-ui/test-browser/harness.mjs");

    /** The configuration of each module of the table; its fromEnv is what the module's *Main runs. */
    private static final Map<String, Function<Map<String, String>, ?>> CONFIGS = Map.of(
            "ingest", GatewayConfig::fromEnv,
            "stream-processor", ProcessorConfig::fromEnv,
            "query-api", QueryConfig::fromEnv,
            "all-in-one", env -> withoutEnv(AllInOneConfig.fromEnv(env)),
            "embedded", EmbeddedConfig::fromEnv);

    /** @param fragments code spans of the variable cell that are not whole names, such as {@code _PASSWORD} */
    record Row(int line, String module, String defaultCell, List<String> variables, List<String> fragments) {}

    @Test
    void everyVariableTheCodeReadsIsInTheTableAndNoOther() {
        Set<String> inTable = new TreeSet<>();
        rows().forEach(r -> inTable.addAll(r.variables()));
        Set<String> read = codeReads();

        assertThat(missing(read, inTable)).withFailMessage("The README settings table lacks %s, which the code reads; "
                + "add a row (module, name, default, variable, meaning) for each.", missing(read, inTable)).isEmpty();
        assertThat(missing(inTable, read)).withFailMessage("The README settings table lists %s, which no configuration "
                + "reads; remove those rows or read the variables in a config class.", missing(inTable, read)).isEmpty();
    }

    /** Shared settings (Kafka client security, registry credentials) have one "deploy" row; the rest one per module. */
    @Test
    void everyModuleHasARowForEachVariableItsConfigurationReads() {
        Map<String, Set<String>> byModule = new HashMap<>();
        rows().forEach(r -> byModule.computeIfAbsent(r.module(), m -> new TreeSet<>()).addAll(r.variables()));
        List<String> problems = new ArrayList<>();
        CONFIGS.forEach((module, config) -> {
            Set<String> lacking = new TreeSet<>(Settings.namesRead(config));
            lacking.removeAll(byModule.getOrDefault("deploy", Set.of()));
            lacking.removeAll(byModule.getOrDefault(module, Set.of()));
            if (!lacking.isEmpty()) {
                problems.add("The README settings table has no " + module + " row for " + lacking + ", which the "
                        + module + " configuration reads with its own default.");
            }
        });
        assertThat(problems).withFailMessage(String.join("\n", problems)).isEmpty();
    }

    @Test
    void everySettingLiteralInMainSourcesIsReadByAConfiguration() throws IOException {
        Set<String> read = codeReads();
        Set<String> stray = new TreeSet<>();
        for (String module : SERVICE_MODULES) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> stray.addAll(literals(f)));
            }
        }
        stray.removeAll(read);
        assertThat(stray).withFailMessage("The main sources name %s, which no config class reads: read each through "
                + "the service's configuration (built in its *Main) instead of the environment.", stray).isEmpty();
    }

    @Test
    void noVariableHasTwoRowsInOneModuleAndEveryCellNamesWholeVariables() {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Row r : rows()) {
            r.variables().stream().filter(v -> !seen.add(r.module() + " " + v)).forEach(v -> problems.add(
                    "README line " + r.line() + " lists " + v + " a second time for the module " + r.module() + "."));
            r.fragments().forEach(f -> problems.add("README line " + r.line() + " names `" + f + "` in the variable "
                    + "column; write each variable out in full, as AGENTPULSE_..."));
            if (r.variables().isEmpty()) {
                problems.add("README line " + r.line() + " names no variable.");
            }
        }
        assertThat(problems).withFailMessage(String.join("\n", problems)).isEmpty();
    }

    @Test
    void theDefaultsInTheTableAreTheCodesDefaults() {
        List<String> problems = new ArrayList<>();
        for (Row r : rows()) {
            Function<Map<String, String>, ?> config = CONFIGS.get(r.module());
            String dflt = checkableDefault(r.defaultCell());
            if (config == null || dflt == null || r.variables().size() != 1
                    || !Settings.namesRead(config).contains(r.variables().get(0))) {
                continue; // a sentence such as "none" or "JVM's", several variables, or not this module's setting
            }
            String variable = r.variables().get(0);
            Object given;
            try {
                given = config.apply(Map.of(variable, dflt));
            } catch (RuntimeException e) { // ConfigException; EmbeddedConfig's IllegalArgumentException
                problems.add("README line " + r.line() + " gives `" + dflt + "` as the default of " + variable
                        + ", which the " + r.module() + " configuration refuses: " + e.getMessage());
                continue;
            }
            if (!Objects.equals(given, config.apply(Map.of()))) {
                problems.add("README line " + r.line() + " gives `" + dflt + "` as the default of " + variable
                        + ", but the " + r.module() + " configuration uses another value when it is unset.");
            }
        }
        assertThat(problems).withFailMessage(String.join("\n", problems)).isEmpty();
    }

    @Test
    void theNamesReadElsewhereAreStillReadThere() throws IOException {
        for (Map.Entry<String, String> e : READ_ELSEWHERE.entrySet()) {
            assertThat(Files.readString(ROOT.resolve(e.getValue()))).withFailMessage("%s no longer mentions %s; "
                    + "update READ_ELSEWHERE in this test and the README row.", e.getValue(), e.getKey()).contains(e.getKey());
        }
    }

    /** Every name a config class reads (all-in-one: its own and every service's), and those read elsewhere. */
    private static Set<String> codeReads() {
        Set<String> read = new TreeSet<>(AllInOneConfig.variables());
        read.addAll(Settings.namesRead(EmbeddedConfig::fromEnv));
        read.addAll(READ_ELSEWHERE.keySet());
        return read;
    }

    /** The default cell's value when it is one code span (a trailing remark in parentheses allowed). */
    private static String checkableDefault(String cell) {
        Matcher m = Pattern.compile("`([^`$]*)`( \\(.*\\))?").matcher(cell);
        return m.matches() ? m.group(1) : null;
    }

    private static List<Row> rows() {
        List<String> lines;
        try {
            lines = Files.readAllLines(ROOT.resolve("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = lines.indexOf("## Settings");
        assertThat(start).withFailMessage("README.md has no \"## Settings\" section.").isNotNegative();
        List<Row> rows = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            String line = lines.get(i);
            if (!line.startsWith("|") || line.startsWith("|---") || line.startsWith("| module |")) {
                continue;
            }
            String[] cells = line.split("\\|", -1);
            assertThat(cells.length).withFailMessage("README line %d is not a row of five cells.", i + 1).isGreaterThanOrEqualTo(7);
            List<String> spans = new ArrayList<>();
            Matcher m = CODE.matcher(cells[4]);
            while (m.find()) {
                spans.add(m.group(1));
            }
            rows.add(new Row(i + 1, cells[1].strip(), cells[3].strip(),
                    spans.stream().filter(c -> NAME.matcher(c).matches()).toList(),
                    spans.stream().filter(c -> !NAME.matcher(c).matches()).toList()));
        }
        return rows;
    }

    private static Set<String> literals(Path javaFile) {
        Set<String> out = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(javaFile)) {
                String code = line.strip();
                if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                    continue; // comments may show a client's own variables, e.g. AGENTPULSE_API_KEY
                }
                Matcher m = LITERAL.matcher(code);
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Set<String> missing(Set<String> from, Set<String> in) {
        Set<String> out = new TreeSet<>(from);
        out.removeAll(in);
        return out;
    }

    /** The all-in-one's settings without the raw map they came from (which holds the variable itself). */
    private static List<Object> withoutEnv(AllInOneConfig c) {
        return List.of(c.dataDir(), c.kafkaPort(), c.registryPort(), c.postgresPort(), c.partitions(), c.demo(),
                c.demoAgents(), c.demoRate(), c.brokerHeapMb(), c.services());
    }
}
