package io.agentpulse.query.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Host rules: the same accepted and refused JSON as the processor's HostRulesTest (both sides accept the same rules). */
class RuleCheckHostRulesTest {
    static final List<String> ACCEPTED = List.of(
            "{\"id\":\"h1\",\"metric\":\"host_cpu_max\",\"comparator\":\">\",\"critical\":0.9}",
            "{\"id\":\"h2\",\"metric\":\"host_cpu_avg\",\"group\":\"host\",\"comparator\":\">=\",\"warning\":0.8,\"range\":\"PT15M\"}",
            "{\"id\":\"h3\",\"metric\":\"host_memory_max\",\"comparator\":\">\",\"critical\":8e9,\"selector\":{\"host\":\"gpu-*\"}}",
            "{\"id\":\"h4\",\"metric\":\"host_memory_avg\",\"comparator\":\"<\",\"warning\":1000000}");
    static final List<String> REFUSED = List.of(
            "{\"id\":\"x1\",\"metric\":\"host_cpu_max\",\"group\":\"agent\",\"comparator\":\">\",\"critical\":0.9}",
            "{\"id\":\"x2\",\"metric\":\"error_rate\",\"group\":\"host\",\"comparator\":\">\",\"critical\":0.1}",
            "{\"id\":\"x3\",\"metric\":\"host_cpu_max\",\"comparator\":\">\",\"critical\":0.9,\"selector\":{\"agent\":\"a\"}}",
            "{\"id\":\"x4\",\"kind\":\"anomaly\",\"metric\":\"host_cpu_avg\"}",
            "{\"id\":\"x5\",\"metric\":\"host_cpu\",\"comparator\":\">\",\"critical\":0.9}");

    @Test
    void acceptsAndRefusesAsTheProcessor() {
        ACCEPTED.forEach(json -> assertThat(RuleCheck.check(new JsonObject(json))).as(json).isNotNull());
        REFUSED.forEach(json -> assertThatThrownBy(() -> RuleCheck.check(new JsonObject(json))).as(json)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'"));
    }
}
