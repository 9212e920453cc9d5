package io.agentpulse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvTest {
    private static Env env(String name, String value) {
        return Env.of(Map.of(name, value));
    }

    @Test
    void unsetOrBlankMeansTheDefault() {
        Env env = Env.of(Map.of("AGENTPULSE_BLANK", "  "));
        assertThat(env.string("AGENTPULSE_X", "d")).isEqualTo("d");
        assertThat(env.integer("AGENTPULSE_BLANK", 8080, 0, 65535)).isEqualTo(8080);
        assertThat(env.duration("AGENTPULSE_X", Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(env.bool("AGENTPULSE_X", true)).isTrue();
        assertThat(env.path("AGENTPULSE_X", Path.of("data"))).isEqualTo(Path.of("data"));
        assertThat(env.list("AGENTPULSE_X", List.of("a"))).containsExactly("a");
    }

    @Test
    void readsTypedValues() {
        assertThat(env("AGENTPULSE_PORT", " 9090 ").integer("AGENTPULSE_PORT", 1, 0, 65535)).isEqualTo(9090);
        assertThat(env("AGENTPULSE_N", "1_000_000").longValue("AGENTPULSE_N", 1, 0, Long.MAX_VALUE)).isEqualTo(1_000_000);
        assertThat(env("AGENTPULSE_R", "0.25").decimal("AGENTPULSE_R", 1, 0, 1)).isEqualTo(0.25);
        assertThat(env("AGENTPULSE_B", "YES").bool("AGENTPULSE_B", false)).isTrue();
        assertThat(env("AGENTPULSE_B", "off").bool("AGENTPULSE_B", true)).isFalse();
        assertThat(env("AGENTPULSE_P", "/var/lib/pulse").path("AGENTPULSE_P", null)).isEqualTo(Path.of("/var/lib/pulse"));
        assertThat(env("AGENTPULSE_L", "a, b,,c ").list("AGENTPULSE_L", List.of())).containsExactly("a", "b", "c");
    }

    @ParameterizedTest
    @CsvSource({"500ms,PT0.5S", "30s,PT30S", "15m,PT15M", "1h,PT1H", "2d,PT48H", "PT30S,PT30S", "pt1m,PT1M", "P1D,PT24H", "0s,PT0S"})
    void parsesDurations(String text, String expected) {
        assertThat(env("AGENTPULSE_D", text).duration("AGENTPULSE_D", null)).isEqualTo(Duration.parse(expected));
    }

    @Test
    void badValuesAreAFullSentenceNamingVariableValueAndExpectation() {
        assertThatThrownBy(() -> env("AGENTPULSE_PORT", "80a").integer("AGENTPULSE_PORT", 1, 0, 65535))
            .isInstanceOf(ConfigException.class)
            .hasMessage("AGENTPULSE_PORT is set to \"80a\", which is not valid; expected a whole number between 0 and 65535.");
        assertThatThrownBy(() -> env("AGENTPULSE_PORT", "70000").integer("AGENTPULSE_PORT", 1, 0, 65535))
            .hasMessageContaining("\"70000\"").hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> env("AGENTPULSE_W", "10 minutes").duration("AGENTPULSE_W", null))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("AGENTPULSE_W").hasMessageContaining("\"10 minutes\"").hasMessageContaining("30s");
        assertThatThrownBy(() -> env("AGENTPULSE_W", "-PT1S").duration("AGENTPULSE_W", null))
            .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> env("AGENTPULSE_B", "maybe").bool("AGENTPULSE_B", false))
            .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.variable()).isEqualTo("AGENTPULSE_B"))
            .hasMessageEndingWith("expected true or false (also yes/no, on/off, 1/0).");
        assertThatThrownBy(() -> env("AGENTPULSE_R", "NaN").decimal("AGENTPULSE_R", 1, 0, 1))
            .isInstanceOf(ConfigException.class);
    }

    @Test
    void namesOutsideTheProductPrefixAreAProgrammingError() {
        assertThatThrownBy(() -> Env.of(Map.of()).string("PORT", "1")).isInstanceOf(IllegalArgumentException.class);
    }
}
