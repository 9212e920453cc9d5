package io.agentpulse.query.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.query.plan.Dimension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static Params.Range range(Map<String, String> q) {
        return Params.range(q::get, CLOCK);
    }

    @Test
    void defaultsToTheLastHourByTheClock() {
        Params.Range r = range(Map.of());
        assertThat(r.toMs()).isEqualTo(NOW.toEpochMilli());
        assertThat(r.fromMs()).isEqualTo(NOW.toEpochMilli() - 3_600_000L);
    }

    @Test
    void acceptsEpochMillisAndIsoInstants() {
        Params.Range r = range(Map.of("from", "2026-11-22T08:30:00Z", "to", "1795337400000"));
        assertThat(r.fromMs()).isEqualTo(Instant.parse("2026-11-22T08:30:00Z").toEpochMilli());
        assertThat(r.toMs()).isEqualTo(1_795_337_400_000L);
        assertThat(Params.time("from", "2026-11-22T10:00:00+02:00"))
                .isEqualTo(Instant.parse("2026-11-22T08:00:00Z").toEpochMilli());
        assertThat(Params.time("from", "2026-11-22T10:00:00 02:00"))
                .as("a + decoded as a space").isEqualTo(Instant.parse("2026-11-22T08:00:00Z").toEpochMilli());
        assertThat(range(Map.of("to", "2026-11-22T09:00:00Z")).fromMs())
                .isEqualTo(Instant.parse("2026-11-22T08:00:00Z").toEpochMilli());
    }

    @Test
    void rejectsBadTimesAndEmptyRanges() {
        assertThatThrownBy(() -> range(Map.of("from", "yesterday")))
                .isInstanceOfSatisfying(ParamException.class, e -> {
                    assertThat(e.field()).isEqualTo("from");
                    assertThat(e.reason()).isEqualTo("not-a-time");
                    assertThat(e.getMessage()).contains("yesterday", "ISO-8601");
                });
        assertThatThrownBy(() -> range(Map.of("from", "2000", "to", "1000")))
                .isInstanceOfSatisfying(ParamException.class, e -> assertThat(e.reason()).isEqualTo("empty-range"));
        assertThatThrownBy(() -> range(Map.of("to", "99999999999999999999")))
                .isInstanceOfSatisfying(ParamException.class, e -> assertThat(e.field()).isEqualTo("to"));
    }

    @Test
    void parsesSteps() {
        assertThat(Params.step(null)).isNull();
        assertThat(Params.step("60s")).isEqualTo(60_000L);
        assertThat(Params.step("5m")).isEqualTo(300_000L);
        assertThat(Params.step("1h")).isEqualTo(3_600_000L);
        assertThat(Params.step("1d")).isEqualTo(86_400_000L);
        assertThat(Params.step("120000")).isEqualTo(120_000L);
        for (String bad : new String[] {"30s", "0m", "5x", "-1m", "90000"}) {
            assertThatThrownBy(() -> Params.step(bad)).as(bad)
                    .isInstanceOfSatisfying(ParamException.class, e -> assertThat(e.field()).isEqualTo("step"));
        }
    }

    @Test
    void parsesLimitGroupByAndMetric() {
        assertThat(Params.limit(null, 10, 100)).isEqualTo(10);
        assertThat(Params.limit("3", 10, 100)).isEqualTo(3);
        assertThatThrownBy(() -> Params.limit("0", 10, 100)).isInstanceOf(ParamException.class);
        assertThatThrownBy(() -> Params.limit("x", 10, 100)).isInstanceOf(ParamException.class);
        assertThat(Params.groupBy("none")).isNull();
        assertThat(Params.groupBy("model")).isEqualTo(Dimension.MODEL);
        assertThatThrownBy(() -> Params.groupBy("region"))
                .isInstanceOfSatisfying(ParamException.class, e -> assertThat(e.field()).isEqualTo("group_by"));
        assertThat(Metric.parse("p95")).isEqualTo(Metric.P95);
        assertThatThrownBy(() -> Metric.parse("latency"))
                .isInstanceOfSatisfying(ParamException.class, e -> assertThat(e.reason()).isEqualTo("unknown-metric"));
    }

    @Test
    void blankFiltersMeanAny() {
        var f = Params.filters(Map.of("agent", "a1", "model", " ")::get);
        assertThat(f.agent()).isEqualTo("a1");
        assertThat(f.model()).isNull();
        assertThatThrownBy(() -> Params.filters(Map.of("operation", "x".repeat(300))::get))
                .isInstanceOfSatisfying(ParamException.class, e -> assertThat(e.reason()).isEqualTo("too-long"));
    }
}
