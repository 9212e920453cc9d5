package io.agentpulse.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyPartsTest {
    private static final List<String> HOSTILE = List.of("", "plain", "a|b", "|", "%", "%7C", "%25", "%7c", "|%|", "50%|x", "a%7Cb");

    @Test
    void escapingRoundTripsAndLeavesPlainValuesAlone() {
        for (String v : HOSTILE) {
            assertThat(KeyParts.unescape(KeyParts.escape(v))).isEqualTo(v);
            assertThat(KeyParts.escape(v)).doesNotContain("|");
        }
        String plain = "agent-0042";
        assertThat(KeyParts.escape(plain)).isSameAs(plain);
    }

    @Test
    void noTwoTuplesJoinToOneKey() {
        Set<String> keys = new HashSet<>();
        int tuples = 0;
        for (String a : HOSTILE) {
            for (String b : HOSTILE) {
                keys.add(KeyParts.escape(a) + "|" + KeyParts.escape(b));
                tuples++;
            }
        }
        assertThat(keys).hasSize(tuples);
    }
}
