package io.agentpulse.registry;

import io.agentpulse.contract.registry.SchemaRegistryException;

import static io.agentpulse.registry.SchemaRegistryContractTest.BREAKING;
import static io.agentpulse.registry.SchemaRegistryContractTest.V1;
import static io.agentpulse.registry.SchemaRegistryContractTest.V2;
import static io.agentpulse.registry.SchemaRegistryContractTest.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {
    /** V2 without field a: drops a field that has no default. */
    private static final Schema DROPS_A = parse("""
        {"type":"record","name":"Ping","namespace":"t","fields":[{"name":"b","type":["null","long"],"default":null}]}""");
    /** Adds required d (no default) to V2. */
    private static final Schema V2_PLUS_D = parse("""
        {"type":"record","name":"Ping","namespace":"t","fields":[{"name":"a","type":"string"},
         {"name":"b","type":["null","long"],"default":null},{"name":"d","type":"int","default":0}]}""");

    @Test
    void noneAllowsAnything() {
        assertThat(CompatibilityLevel.NONE.allows(BREAKING, List.of(V1))).isTrue();
    }

    @Test
    void backwardMeansTheNewSchemaReadsOldData() {
        assertThat(CompatibilityLevel.BACKWARD.allows(V2, List.of(V1))).isTrue();
        assertThat(CompatibilityLevel.BACKWARD.allows(BREAKING, List.of(V1))).isFalse();
        // Dropping a field is fine for a new reader.
        assertThat(CompatibilityLevel.BACKWARD.allows(DROPS_A, List.of(V2))).isTrue();
    }

    @Test
    void forwardMeansOldSchemasReadNewData() {
        assertThat(CompatibilityLevel.FORWARD.allows(BREAKING, List.of(V1))).isTrue();
        assertThat(CompatibilityLevel.FORWARD.allows(DROPS_A, List.of(V2))).isFalse();
    }

    @Test
    void fullNeedsBothDirections() {
        assertThat(CompatibilityLevel.FULL.allows(V2, List.of(V1))).isTrue();
        assertThat(CompatibilityLevel.FULL.allows(BREAKING, List.of(V1))).isFalse();
        assertThat(CompatibilityLevel.FULL.allows(DROPS_A, List.of(V2))).isFalse();
    }

    @Test
    void transitiveLevelsCheckEveryEarlierVersion() {
        // DROPS_A reads V2 data (a is gone) but also must read V1 data, where b is absent: b has a default, fine.
        // A schema that drops b's default is readable against the latest only if the latest has b.
        Schema needsB = parse("""
            {"type":"record","name":"Ping","namespace":"t","fields":[{"name":"b","type":["null","long"]}]}""");
        assertThat(CompatibilityLevel.BACKWARD.allows(needsB, List.of(V1, V2))).isTrue();
        assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.allows(needsB, List.of(V1, V2))).isFalse();
        assertThat(CompatibilityLevel.FULL_TRANSITIVE.allows(V2_PLUS_D, List.of(V1, V2))).isTrue();
    }

    @Test
    void unknownLevelIsRefusedClearly() {
        assertThat(CompatibilityLevel.parse(" full_transitive ")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThatThrownBy(() -> CompatibilityLevel.parse("SIDEWAYS"))
            .isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INVALID_COMPATIBILITY))
            .hasMessageContaining("SIDEWAYS");
    }
}
