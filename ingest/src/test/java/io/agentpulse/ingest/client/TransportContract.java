package io.agentpulse.ingest.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every Transport must do, through the recorder: deliver every recorded event once, intact. */
abstract class TransportContract {
    static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

    /** A fresh transport to the destination. */
    abstract Transport transport();

    /** Everything the destination received so far. */
    abstract List<AgentEvent> delivered();

    @Test
    void recordedEventsArriveIntactAndCloseFlushes() {
        AgentPulseRecorder pulse = AgentPulseRecorder.builder().transport(transport()).agentId("contract-agent")
                .environment("test").batchSize(7).flushInterval(Duration.ofMillis(20))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        for (int i = 0; i < 50; i++) {
            assertThat(pulse.record(pulse.event().setEventId("c-" + i).setOperation("chat").setModel("gpt-4o")
                    .setLatencyMs(10.0 + i).setInputTokens((long) i).setOutputTokens(1L)
                    .setStatus(i % 10 == 0 ? Status.ERROR : Status.OK).setAttributes(Map.of("i", "" + i)))).isTrue();
        }
        pulse.close();
        assertThat(pulse.stats().sent()).isEqualTo(50);
        assertThat(pulse.stats().droppedTotal()).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> delivered().stream()
                .filter(e -> e.getEventId().startsWith("c-")).count() == 50);
        AgentEvent e7 = delivered().stream().filter(e -> e.getEventId().equals("c-7")).findFirst().orElseThrow();
        assertThat(e7.getAgentId()).isEqualTo("contract-agent");
        assertThat(e7.getEnvironment()).isEqualTo("test");
        assertThat(e7.getEventTime()).isEqualTo(NOW);
        assertThat(e7.getLatencyMs()).isEqualTo(17.0);
        assertThat(e7.getInputTokens()).isEqualTo(7L);
        assertThat(e7.getAttributes()).isEqualTo(Map.of("i", "7"));
    }
}
