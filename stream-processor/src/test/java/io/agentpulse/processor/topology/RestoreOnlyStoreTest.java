package io.agentpulse.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;

/** What the changelog restores is read once by the processor; after that the store keeps nothing. */
class RestoreOnlyStoreTest {
    private StateRestoreCallback restore;

    /** A context whose only used method, register, hands over the restore callback. */
    private StateStoreContext context() {
        return (StateStoreContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {StateStoreContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("register")) {
                        restore = (StateRestoreCallback) args[1];
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> read(RestoreOnlyStore s) {
        Map<String, String> out = new HashMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = s.all()) {
            it.forEachRemaining((KeyValue<Bytes, byte[]> kv) ->
                    out.put(new String(kv.key.get(), StandardCharsets.UTF_8), new String(kv.value, StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void theProcessorReadsTheRestoredEntriesOnceAndTheStoreKeepsNothingAfter() {
        RestoreOnlyStore s = new RestoreOnlyStore("w");
        s.init(context(), s);
        restore.restore(b("a"), b("1"));
        restore.restore(b("b"), b("2"));
        restore.restore(b("a"), b("3"));
        restore.restore(b("b"), null); // a tombstone
        assertThat(read(s)).containsExactly(Map.entry("a", "3"));
        assertThat(s.get(Bytes.wrap(b("a")))).isEqualTo(b("3"));

        s.release();
        s.put(Bytes.wrap(b("c")), b("4")); // the changelogging layer above writes it; no local copy
        assertThat(s.approximateNumEntries()).isZero();
        assertThatThrownBy(s::all).isInstanceOf(IllegalStateException.class).hasMessageContaining("keeps no copy");
        assertThatThrownBy(() -> s.get(Bytes.wrap(b("a")))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aClosedStoreIsRestoredAgainFromTheChangelogOnItsNextInit() {
        RestoreOnlyStore s = new RestoreOnlyStore("w");
        s.init(context(), s);
        restore.restore(b("a"), b("1"));
        s.release();
        s.close(); // task closed dirty, then revived: Kafka Streams replays the changelog into a new init
        assertThat(s.isOpen()).isFalse();
        s.init(context(), s);
        restore.restore(b("a"), b("1"));
        restore.restore(b("c"), b("4"));
        assertThat(read(s)).containsOnly(Map.entry("a", "1"), Map.entry("c", "4"));
    }
}
