package io.agentpulse.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AGENTPULSE_DIMENSIONS: the default set, opt-in error_type, what custom means, and refusals. */
class DimensionsConfigTest {

    @Test
    void theDefaultSlicesByTheThreeBuiltInsAndErrorTypeIsOptIn() {
        assertThat(Dimensions.fromEnv(Map.of()).names()).containsExactly("environment", "provider", "tool_name");
        Dimensions d = Dimensions.fromEnv(Map.of("AGENTPULSE_DIMENSIONS", "error_type,team"));
        assertThat(d.custom()).as("error_type is read from the event's field, not an attribute").containsExactly("team");
        AgentEvent failed = AgentEvent.newBuilder().setEventId("e").setEventTime(Instant.EPOCH).setAgentId("a")
                .setStatus(Status.ERROR).setErrorType("timeout").setAttributes(Map.of("team", "search")).build();
        assertThat(List.of(d.value(failed, 0), d.value(failed, 1))).containsExactly("timeout", "search");
        failed.setErrorType(null);
        assertThat(d.value(failed, 0)).isEqualTo(Dimensions.NONE);
    }

    @Test
    void aNameThatShadowsAQueryParameterOrTooManyCustomOnesFailAtStart() {
        assertThatThrownBy(() -> Dimensions.fromEnv(Map.of("AGENTPULSE_DIMENSIONS", "model")))
                .hasMessageContaining("not a usable dimension");
        assertThatThrownBy(() -> Dimensions.fromEnv(Map.of("AGENTPULSE_DIMENSIONS", "a,b,c,d,e,f,error_type")))
                .hasMessageContaining("declares 6 custom attributes");
        assertThat(Dimensions.fromEnv(Map.of("AGENTPULSE_DIMENSIONS", "none")).isEmpty()).isTrue();
    }
}
