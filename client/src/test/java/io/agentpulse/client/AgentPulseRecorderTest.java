package io.agentpulse.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentPulseRecorderTest {

    @Test
    void aStuckTransportNeverBlocksTheAgentAndDropsAreCounted() {
        InMemoryTransport transport = new InMemoryTransport();
        transport.hold();
        AgentPulseRecorder pulse = AgentPulseRecorder.builder().transport(transport).capacity(100).batchSize(10)
                .flushInterval(Duration.ofMillis(5)).closeTimeout(Duration.ofMillis(200)).build();
        long start = System.nanoTime();
        int accepted = 0;
        for (int i = 0; i < 10_000; i++) {
            if (pulse.record(pulse.event().setOperation("chat"))) {
                accepted++;
            }
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        // the sender holds at most one batch (10) and the queue 100: everything else is dropped at once
        assertThat(accepted).isBetween(100, 110);
        assertThat(pulse.stats().dropped()).containsEntry("queue_full", (long) (10_000 - accepted));
        assertThat(elapsedMs).as("10,000 record() calls with a stuck transport").isLessThan(2_000);
        pulse.close(); // times out (transport still held): what is left is dropped and counted, never thrown
        assertThat(pulse.stats().droppedTotal() + pulse.stats().sent()).isEqualTo(10_000);
        assertThat(pulse.record(pulse.event())).isFalse();
        assertThat(pulse.stats().dropped()).containsKey("closed");
    }

    @Test
    void aMissingDestinationOrABadGatewayUrlIsASentence() {
        assertThatThrownBy(() -> AgentPulseRecorder.builder().build())
                .hasMessage("A recorder needs a destination: call gateway(url, apiKey), kafka(options) or transport(t) before build().");
        assertThatThrownBy(() -> AgentPulseRecorder.builder().gateway("gateway:4318", "apk_x"))
                .hasMessage("The gateway URL \"gateway:4318\" is not valid; expected http://host:port or https://host:port.");
    }

    @Test
    void retryableFailuresAreRetriedThenSent() {
        InMemoryTransport transport = new InMemoryTransport();
        transport.retryable(true);
        try (AgentPulseRecorder pulse = AgentPulseRecorder.builder().transport(transport).maxAttempts(50)
                .flushInterval(Duration.ofMillis(5)).build()) {
            pulse.record(pulse.event().setEventId("r-1"));
            await().atMost(Duration.ofSeconds(5)).until(() -> pulse.stats().lastError() != null);
            transport.retryable(false);
            await().atMost(Duration.ofSeconds(10)).until(() -> pulse.stats().sent() == 1);
        }
        assertThat(transport.events()).extracting(PulseEvent::eventId).containsExactly("r-1");
    }

    @Test
    void refusedBatchesAndInvalidEventsAreDroppedAndCountedNotThrown() {
        InMemoryTransport transport = new InMemoryTransport();
        transport.failing(true);
        AgentPulseRecorder pulse = AgentPulseRecorder.builder().transport(transport).flushInterval(Duration.ofMillis(5)).build();
        pulse.record(pulse.event());
        assertThat(pulse.record(PulseEvent.builder())).isFalse(); // no event_id: build() refuses it
        pulse.close();
        assertThat(pulse.stats().dropped()).isEqualTo(Map.of("rejected", 1L, "invalid", 1L));
    }
}
