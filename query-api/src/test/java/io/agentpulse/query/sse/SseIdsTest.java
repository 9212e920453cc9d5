package io.agentpulse.query.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SseIdsTest {
    @Test
    void formatsAndParsesTheCompositeId() {
        String cursor = SseIds.cursor(Map.of(2, 17L, 0, 42L, 1, 7L));
        assertThat(cursor).isEqualTo("0:42,1:7,2:17");
        SseIds.LastEventId id = SseIds.parse("1763818000000123/" + cursor);
        assertThat(id.seq()).isEqualTo(1763818000000123L);
        assertThat(id.alerts()).containsExactly(Map.entry(0, 42L), Map.entry(1, 7L), Map.entry(2, 17L));
    }

    @Test
    void oldAndBrokenIds() {
        assertThat(SseIds.parse(null)).isEqualTo(SseIds.LastEventId.NONE);
        assertThat(SseIds.parse(" ")).isEqualTo(SseIds.LastEventId.NONE);
        assertThat(SseIds.parse("99")).isEqualTo(new SseIds.LastEventId(99L, null));
        assertThat(SseIds.parse("x/0:1").seq()).isZero();
        assertThat(SseIds.parse("5/").alerts()).isEmpty();
        assertThat(SseIds.parse("5/0:1,0:2").alerts()).isNull();
        assertThat(SseIds.parse("5/0:-1").alerts()).isNull();
        assertThat(SseIds.parse("5/0-1").alerts()).isNull();
    }
}
