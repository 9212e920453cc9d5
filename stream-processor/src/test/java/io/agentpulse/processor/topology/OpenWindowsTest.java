package io.agentpulse.processor.topology;

import static io.agentpulse.processor.topology.Harness.T0;
import static io.agentpulse.processor.topology.Harness.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.contract.Granularity;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** Stage 1's window state across a restart: what was saved is emitted once, never twice. */
class OpenWindowsTest {
    private static KeyValueStore<Bytes, byte[]> store() {
        KeyValueStore<Bytes, byte[]> s = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("w"), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        s.init(new MockProcessorContext<>().getStateStoreContext(), s);
        return s;
    }

    private record Sent(String key, long count) {}

    private static List<Sent> emit(OpenWindows w, boolean withSeries) {
        List<Sent> out = new ArrayList<>();
        w.emit(T0, 30_000, withSeries, (k, d, fin) -> out.add(new Sent(k.grp(), d.count)));
        return out;
    }

    /** One event in its series window, committed while pending (not yet in any group). */
    private static OpenWindows oneEventCommitted(KeyValueStore<Bytes, byte[]> kv) {
        OpenWindows w = new OpenWindows(kv);
        w.add(WindowKey.series(Granularity.MINUTE, T0, "agent-1", "gpt-4o", "chat"), event("e1", 1_000).build(), 0.001, null);
        w.save();
        return w;
    }

    @Test
    void anEventMergedIntoTheGroupsIsNotMergedAgainAfterARestartWhileItsSeriesWaitsForItsCadence() {
        KeyValueStore<Bytes, byte[]> kv = store();
        OpenWindows w = oneEventCommitted(kv);
        assertThat(emit(w, false)).as("groups now, the series at its cadence")
                .containsExactlyInAnyOrder(new Sent("agent", 1), new Sent("model", 1), new Sent("operation", 1), new Sent("all", 1));
        w.save(); // the commit of those group deltas

        OpenWindows restored = new OpenWindows(kv); // killed here, restored from the changelog
        assertThat(emit(restored, true)).as("the series once, the groups not again").containsExactly(new Sent("series", 1));
    }

    @Test
    void anEmitThatWasNotCommittedIsDoneAgainAfterARestart() {
        KeyValueStore<Bytes, byte[]> kv = store();
        OpenWindows w = oneEventCommitted(kv);
        emit(w, false); // its group deltas never committed: killed before the next commit

        OpenWindows restored = new OpenWindows(kv);
        assertThat(emit(restored, true)).as("the groups get the event once, the series too").containsExactlyInAnyOrder(
                new Sent("series", 1), new Sent("agent", 1), new Sent("model", 1), new Sent("operation", 1), new Sent("all", 1));
    }

    @Test
    void aWindowClosedAndOpenedAgainByALateEventBeforeTheCommitKeepsTheLateEvent() {
        KeyValueStore<Bytes, byte[]> kv = store();
        OpenWindows w = oneEventCommitted(kv);
        long late = T0 + 10 * 60_000; // stream time far past the window's end + grace: it closes at this emit
        w.emit(late, 30_000, true, (k, d, fin) -> { });
        // a late event for the closed window arrives before the commit: the window opens again
        w.add(WindowKey.series(Granularity.MINUTE, T0, "agent-1", "gpt-4o", "chat"), event("late", 2_000).build(), 0.001, null);
        w.save(); // deletes the closed entry, then writes the new one (the other order lost the late event)

        OpenWindows restored = new OpenWindows(kv);
        List<Sent> out = new ArrayList<>();
        restored.emit(late, 30_000, true, (k, d, fin) -> out.add(new Sent(k.grp(), d.count)));
        assertThat(out).as("the late event's correction, once in each grouping").containsExactlyInAnyOrder(
                new Sent("series", 1), new Sent("agent", 1), new Sent("model", 1), new Sent("operation", 1), new Sent("all", 1));
    }
}
