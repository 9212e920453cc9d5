package io.agentpulse.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every Transport must do, through the recorder: deliver every recorded event once, intact. */
abstract class TransportContract {
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    /** Quote, backslash, control characters and non-ASCII: what an encoder most easily gets wrong. */
    static final String AWKWARD = "q\"b\\n\n\u0001 ünïcode ✓ 𝄞";

    /** A fresh transport to the destination. */
    abstract Transport transport();

    /** Everything the destination received so far. */
    abstract List<PulseEvent> delivered();

    @Test
    void recordedEventsArriveIntactAndCloseFlushes() {
        AgentPulseRecorder pulse = AgentPulseRecorder.builder().transport(transport()).agentId("contract-agent")
                .environment("test").batchSize(7).flushInterval(Duration.ofMillis(20))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        for (int i = 0; i < 50; i++) {
            assertThat(pulse.record(pulse.event().setEventId("c-" + i).setOperation("chat").setModel("gpt-4o")
                    .setLatencyMs(10.0 + i).setInputTokens((long) i).setOutputTokens(1L)
                    .setStatus(i % 10 == 0 ? PulseEvent.Status.ERROR : PulseEvent.Status.OK)
                    .setAttributes(Map.of("i", "" + i, "awkward", AWKWARD)))).isTrue();
        }
        pulse.close();
        assertThat(pulse.stats().sent()).isEqualTo(50);
        assertThat(pulse.stats().droppedTotal()).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> delivered().stream()
                .filter(e -> e.eventId().startsWith("c-")).count() == 50);
        PulseEvent e7 = delivered().stream().filter(e -> e.eventId().equals("c-7")).findFirst().orElseThrow();
        assertThat(e7.agentId()).isEqualTo("contract-agent");
        assertThat(e7.get("environment")).isEqualTo("test");
        assertThat(e7.eventTime()).isEqualTo(NOW);
        assertThat(e7.get("latency_ms")).isEqualTo(17.0);
        assertThat(e7.get("input_tokens")).isEqualTo(7L);
        assertThat(e7.get("kind")).isEqualTo(PulseEvent.Kind.SPAN);
        assertThat(e7.get("attributes")).isEqualTo(Map.of("i", "7", "awkward", AWKWARD));
        PulseEvent e10 = delivered().stream().filter(e -> e.eventId().equals("c-10")).findFirst().orElseThrow();
        assertThat(e10.get("status")).isEqualTo(PulseEvent.Status.ERROR);
    }
}
