package io.agentpulse.processor.topology;

import static io.agentpulse.processor.topology.Harness.T0;
import static io.agentpulse.processor.topology.Harness.event;
import static io.agentpulse.processor.topology.PulseTopologyTest.latest;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.WindowRollup;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Late events at the edge of a coarse window, with 1m, 1h and 1d enabled (grace 30 s): an event
 * of the hour's last minute that arrives after the hour ended but within grace lands in the
 * minute, the hour and the day, and the hour's final includes it; one past the grace lands in none
 * (DLQ, reason late), so the granularities never disagree.
 */
class LateCoarseWindowTest {
    private static final long HOUR = 3_600_000L;

    @Test
    void anEventInGraceAfterTheHourEndedLandsInEveryGranularityAndTheHoursFinal() {
        try (Harness h = new Harness(Map.of("AGENTPULSE_PROCESSOR_GRANULARITIES", "1m,1h,1d"))) {
            h.tick(java.time.Duration.ofMinutes(59));            // wall clock 00:59, so nothing is "future"
            h.send(event("a", HOUR - 10_000).build());          // 00:59:50
            h.send(event("next-hour", HOUR + 20_000).build());  // stream time 01:00:20: the hour ended, grace left
            h.send(event("late-in-grace", HOUR - 5_000).build());
            h.send(event("closes", HOUR + 30_000).build());     // 01:00:30 = end + grace: minute and hour close
            h.send(event("too-late", HOUR - 1_000).build());
            h.tick();

            Map<String, WindowRollup> r = latest(h.drainRollups());
            WindowRollup hour = r.get("1h|all|*|*|*|" + T0);
            assertThat(hour.getIsFinal()).isTrue();
            assertThat(hour.getCount()).isEqualTo(2);
            WindowRollup minute = r.get("1m|all|*|*|*|" + (T0 + HOUR - 60_000));
            assertThat(minute.getIsFinal()).isTrue();
            assertThat(minute.getCount()).isEqualTo(2);
            WindowRollup day = r.get("1d|all|*|*|*|" + T0);
            assertThat(day.getIsFinal()).isFalse();
            assertThat(day.getCount()).as("a, next-hour, late-in-grace, closes").isEqualTo(4);
            assertThat(r.get("1h|series|agent-1|gpt-4o|chat|" + T0).getCount()).isEqualTo(2);
            assertThat(h.dlq.readRecordsToList()).hasSize(1);
            assertThat(h.counter("agentpulse.processor.events.late")).isEqualTo(1.0);
        }
    }
}
