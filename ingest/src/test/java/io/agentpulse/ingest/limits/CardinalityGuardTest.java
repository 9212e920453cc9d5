package io.agentpulse.ingest.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.AgentEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CardinalityGuardTest {
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    static AgentEvent event(String agent, String model) {
        return AgentEvent.newBuilder().setEventId("e").setEventTime(Instant.EPOCH).setAgentId(agent).setModel(model).build();
    }

    @Test
    void newValuesBeyondTheLimitFoldIntoOtherPerDimension() {
        CardinalityGuard guard = new CardinalityGuard(2, registry);
        assertThat(guard.apply(event("a1", "m1")).getAgentId()).isEqualTo("a1");
        assertThat(guard.apply(event("a2", "m1")).getAgentId()).isEqualTo("a2");
        AgentEvent folded = guard.apply(event("a3", "m2"));
        assertThat(folded.getAgentId()).isEqualTo(CardinalityGuard.OTHER);
        assertThat(folded.getModel()).isEqualTo("m2"); // the model dimension still has room
        assertThat(guard.apply(event("a1", "m3")).getModel()).isEqualTo(CardinalityGuard.OTHER);
        assertThat(guard.apply(event("a1", "m1"))).isEqualTo(event("a1", "m1")); // known values pass unchanged
        assertThat(guard.known("agent")).isEqualTo(2);
        assertThat(registry.counter("agentpulse.gateway.cardinality.folded", "dimension", "agent").count()).isEqualTo(1);
        assertThat(registry.counter("agentpulse.gateway.cardinality.folded", "dimension", "model").count()).isEqualTo(1);
    }
}
