package io.agentpulse.processor.topology;

import static io.agentpulse.processor.topology.Harness.T0;
import static io.agentpulse.processor.topology.Harness.event;
import static io.agentpulse.processor.topology.PulseTopologyTest.latest;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.WindowRollup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rollups sliced by dimensions (docs/CONTRACTS.md "Dimensions"): every group of a window again per
 * value of each configured dimension, derived from the one finest window an event updates; the values
 * of a dimension add up to the unsliced group; bounded per task; merged into coarser windows.
 */
class DimensionsTest {
    private static final long MIN = 60_000;
    private static final Map<String, String> DIMS = Map.of("AGENTPULSE_DIMENSIONS", "environment,provider,tool_name,team",
            "AGENTPULSE_PROCESSOR_GRANULARITIES", "1m,5m,1h");

    private static String key(String g, String grp, String agent, String model, String op, long offset) {
        return g + '|' + grp + '|' + agent + '|' + model + '|' + op + '|' + (T0 + offset);
    }

    @Test
    void everyGroupIsSlicedByEachDimensionAndTheValuesAddUpToTheGroup() {
        try (Harness h = new Harness(DIMS)) {
            h.send(event("a", 1_000).setAgentId("a1").setEnvironment("prod").setProvider("openai")
                    .setAttributes(Map.of("team", "search")).build());
            h.send(event("b", 2_000).setAgentId("a1").setEnvironment("prod").setProvider("openai").build());
            h.send(event("c", 3_000).setAgentId("a2").setEnvironment("st|ag%").setOperation("execute_tool")
                    .setToolName("web_search").setAttributes(Map.of("team", "search")).build());
            h.tick();
            Map<String, WindowRollup> r = latest(h.drainRollups());
            assertThat(r.get(key("1m", "all", "*", "*", "*", 0)).getCount()).isEqualTo(3);
            assertThat(r.get(key("1m", "all@environment=prod", "*", "*", "*", 0)).getCount()).isEqualTo(2);
            assertThat(r.get(key("1m", "all@environment=st%7Cag%25", "*", "*", "*", 0)).getCount())
                    .as("a value is escaped like every key part").isEqualTo(1);
            assertThat(r.get(key("1m", "agent@environment=prod", "a1", "*", "*", 0)).getCount()).isEqualTo(2);
            assertThat(r.get(key("1m", "model@provider=openai", "*", "gpt-4o", "*", 0)).getCount()).isEqualTo(2);
            assertThat(r.get(key("1m", "operation@tool_name=web_search", "*", "*", "execute_tool", 0)).getCount()).isEqualTo(1);
            assertThat(r.get(key("1m", "all@tool_name=_none", "*", "*", "*", 0)).getCount())
                    .as("events without the dimension count under _none").isEqualTo(2);
            assertThat(r.get(key("1m", "all@team=search", "*", "*", "*", 0)).getCount()).as("a custom attribute").isEqualTo(2);
            assertThat(r.get(key("1m", "series", "a1", "gpt-4o", "chat", 0)).getCount())
                    .as("the series group still merges every dimension value").isEqualTo(2);
            for (String dim : List.of("environment", "provider", "tool_name", "team")) {
                long sum = r.entrySet().stream().filter(e -> e.getKey().startsWith("1m|all@" + dim + "="))
                        .mapToLong(e -> e.getValue().getCount()).sum();
                assertThat(sum).as("the values of %s add up to the fleet", dim).isEqualTo(3);
            }
            assertThat(r.keySet()).as("no finest (dims@) window leaves the processor").noneMatch(k -> k.contains("dims@"));
        }
    }

    @Test
    void valuesBeyondTheBoundFoldIntoOtherAndAreCounted() {
        try (Harness h = new Harness(Map.of("AGENTPULSE_DIMENSIONS", "environment", "AGENTPULSE_DIMENSION_MAX_VALUES", "2"))) {
            for (String env : List.of("prod", "staging", "dev", "qa")) {
                h.send(event(env, 1_000).setEnvironment(env).build());
            }
            h.tick();
            Map<String, WindowRollup> r = latest(h.drainRollups());
            assertThat(r.get(key("1m", "all@environment=prod", "*", "*", "*", 0)).getCount()).isEqualTo(1);
            assertThat(r.get(key("1m", "all@environment=_other", "*", "*", "*", 0)).getCount()).isEqualTo(2);
            assertThat(r.get(key("1m", "all@environment=dev", "*", "*", "*", 0))).isNull();
            assertThat(h.counter("agentpulse.processor.cardinality.folded", "dimension", "environment")).isEqualTo(2.0);
            assertThat(h.enriched.readValuesToList()).extracting(e -> e.getEnvironment()).contains("dev", "qa");
        }
    }

    @Test
    void slicesAreMergedIntoCoarserWindowsOnceTheirMinutesClose() {
        try (Harness h = new Harness(DIMS)) {
            h.send(event("a", 1_000).setEnvironment("prod").build());
            h.send(event("b", MIN + 1_000).setEnvironment("prod").build());
            h.send(event("c", 2 * MIN + 1_000).setEnvironment("dev").build());
            h.tick();
            h.quietFor(Duration.ofHours(1).plusMinutes(5));
            List<TestRecord<String, WindowRollup>> out = h.drainRollups();
            Map<String, WindowRollup> r = latest(out);
            WindowRollup fiveMin = r.get(key("5m", "all@environment=prod", "*", "*", "*", 0));
            assertThat(fiveMin.getCount()).isEqualTo(2);
            assertThat(fiveMin.getIsFinal()).isTrue();
            assertThat(r.get(key("1h", "agent@environment=dev", "agent-1", "*", "*", 0)).getCount()).isEqualTo(1);
            assertThat(r.get(key("1h", "all@environment=prod", "*", "*", "*", 0)).getCount()).isEqualTo(2);
            assertThat(out).filteredOn(x -> x.key().equals(key("1h", "all@environment=prod", "*", "*", "*", 0)))
                    .as("a coarse slice goes out once, as final").hasSize(1);
        }
    }

    /** An event of {@code id} at {@code offset} carrying {@code value} for {@code dim}, however the event carries it. */
    private static io.agentpulse.avro.AgentEvent withValue(String dim, String id, long offset, String value) {
        var e = event(id, offset);
        return switch (dim) {
            case "environment" -> e.setEnvironment(value).build();
            case "provider" -> e.setProvider(value).build();
            case "tool_name" -> e.setOperation("execute_tool").setToolName(value).build();
            case "error_type" -> e.setStatus(io.agentpulse.avro.Status.ERROR).setErrorType(value).build();
            default -> e.setAttributes(Map.of(dim, value)).build(); // a custom attribute
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"environment", "provider", "tool_name", "error_type", "team"})
    void eachDimensionFoldsValuesBeyondItsBoundIntoOther(String dim) {
        try (Harness h = new Harness(Map.of("AGENTPULSE_DIMENSIONS", dim, "AGENTPULSE_DIMENSION_MAX_VALUES", "2"))) {
            List<String> values = List.of("v1", "v2", "v3", "v4", "v5");
            for (int i = 0; i < values.size(); i++) {
                h.send(withValue(dim, "e" + i, 1_000 + i, values.get(i)));
            }
            h.tick();
            Map<String, WindowRollup> r = latest(h.drainRollups());
            String all = "1m|all@" + dim + "=";
            assertThat(r.get(key("1m", "all@" + dim + "=v1", "*", "*", "*", 0)).getCount()).isEqualTo(1);
            assertThat(r.get(key("1m", "all@" + dim + "=_other", "*", "*", "*", 0)).getCount())
                    .as("the values past the bound, counted together").isEqualTo(3);
            assertThat(r.keySet()).filteredOn(k -> k.startsWith(all)).as("two values and _other")
                    .containsExactlyInAnyOrder(key("1m", "all@" + dim + "=v1", "*", "*", "*", 0),
                            key("1m", "all@" + dim + "=v2", "*", "*", "*", 0),
                            key("1m", "all@" + dim + "=_other", "*", "*", "*", 0));
            assertThat(h.counter("agentpulse.processor.cardinality.folded", "dimension", dim)).isEqualTo(3.0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"environment", "provider", "tool_name", "error_type", "team"})
    void eachDimensionsSlicesMergeIntoEveryCoarserWindow(String dim) {
        try (Harness h = new Harness(Map.of("AGENTPULSE_DIMENSIONS", dim,
                "AGENTPULSE_PROCESSOR_GRANULARITIES", "1m,5m,1h"))) {
            h.send(withValue(dim, "a", 1_000, "x"));
            h.send(withValue(dim, "b", MIN + 1_000, "x"));
            h.tick(Duration.ofMinutes(6)); // the wall clock too: the processor refuses events from its future
            h.send(withValue(dim, "c", 6 * MIN + 1_000, "x"));
            h.send(withValue(dim, "d", 7 * MIN + 1_000, "y"));
            h.tick();
            h.quietFor(Duration.ofHours(1).plusMinutes(5));
            Map<String, WindowRollup> r = latest(h.drainRollups());
            assertThat(r.get(key("1m", "all@" + dim + "=x", "*", "*", "*", MIN)).getCount()).isEqualTo(1);
            assertThat(r.get(key("5m", "all@" + dim + "=x", "*", "*", "*", 0)).getCount()).isEqualTo(2);
            assertThat(r.get(key("5m", "all@" + dim + "=x", "*", "*", "*", 5 * MIN)).getCount()).isEqualTo(1);
            WindowRollup hour = r.get(key("1h", "all@" + dim + "=x", "*", "*", "*", 0));
            assertThat(hour.getCount()).as("three minutes in two 5-minute windows, one hour").isEqualTo(3);
            assertThat(hour.getIsFinal()).isTrue();
            assertThat(r.get(key("1h", "agent@" + dim + "=y", "agent-1", "*", "*", 0)).getCount()).isEqualTo(1);
        }
    }

    @Test
    void errorTypeIsAnOptInDimensionWhoseNoneHoldsSuccessesAndUntypedFailures() {
        try (Harness h = new Harness(Map.of("AGENTPULSE_DIMENSIONS", "error_type"))) {
            h.send(event("ok", 1_000).build());
            h.send(event("t1", 2_000).setStatus(io.agentpulse.avro.Status.ERROR).setErrorType("timeout").build());
            h.send(event("t2", 3_000).setStatus(io.agentpulse.avro.Status.ERROR).setErrorType("timeout").build());
            h.send(event("u", 4_000).setStatus(io.agentpulse.avro.Status.ERROR).build());
            h.tick();
            Map<String, WindowRollup> r = latest(h.drainRollups());
            WindowRollup timeout = r.get(key("1m", "all@error_type=timeout", "*", "*", "*", 0));
            assertThat(timeout.getCount()).isEqualTo(2);
            assertThat(timeout.getErrors()).as("every call of the slice failed").isEqualTo(2);
            WindowRollup none = r.get(key("1m", "all@error_type=_none", "*", "*", "*", 0));
            assertThat(none.getCount()).isEqualTo(2);
            assertThat(none.getErrors()).as("the untyped failure, as the errors view counts _none").isEqualTo(1);
            assertThat(r.get(key("1m", "agent@error_type=timeout", "agent-1", "*", "*", 0)).getCount()).isEqualTo(2);
        }
    }
}
