package io.agentpulse.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.AlertEvent;
import io.agentpulse.avro.WindowRollup;
import java.io.IOException;
import java.io.InputStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * BACKWARD compatibility against the released schemas (src/test/resources/avro/released, v1):
 * consumers built from today's src/main/avro must read every record written with a released
 * schema. An edit that breaks this fails the build; to release a new version, copy the new
 * .avsc files over the snapshots.
 */
class SchemaEvolutionTest {

    @ParameterizedTest
    @ValueSource(strings = {"AgentEvent", "WindowRollup", "AlertEvent"})
    void currentSchemaReadsDataWrittenWithTheReleasedOne(String name) throws IOException {
        Schema released = released(name);
        Schema current = current(name);

        SchemaCompatibility.SchemaPairCompatibility result =
            SchemaCompatibility.checkReaderWriterCompatibility(current, released);

        assertThat(result.getType()).as(name + ": " + result.getResult().getIncompatibilities())
            .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(current.getFullName()).isEqualTo(released.getFullName());
    }

    @Test
    void theCheckCatchesANewRequiredFieldWithoutDefault() throws IOException {
        Schema released = released("AgentEvent");
        String text = new String(stream("avro/released/AgentEvent.avsc").readAllBytes())
            .replaceFirst("\"fields\": \\[", "\"fields\": [{\"name\": \"tenant\", \"type\": \"string\"},");
        Schema broken = new Schema.Parser().parse(text);
        assertThat(broken.getField("tenant")).isNotNull();

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(broken, released).getType())
            .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    @Test
    void theCheckCatchesARemovedEnumSymbolWithoutDefault() throws IOException {
        String text = new String(stream("avro/released/AlertEvent.avsc").readAllBytes())
            .replace("\"PENDING\", ", "").replace(", \"default\": \"UNKNOWN\"", "");
        Schema broken = new Schema.Parser().parse(text);

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(broken, released("AlertEvent")).getType())
            .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    private static Schema current(String name) {
        return switch (name) {
            case "AgentEvent" -> AgentEvent.getClassSchema();
            case "WindowRollup" -> WindowRollup.getClassSchema();
            default -> AlertEvent.getClassSchema();
        };
    }

    private static Schema released(String name) throws IOException {
        try (InputStream in = stream("avro/released/" + name + ".avsc")) {
            return new Schema.Parser().parse(in);
        }
    }

    private static InputStream stream(String resource) {
        InputStream in = SchemaEvolutionTest.class.getClassLoader().getResourceAsStream(resource);
        assertThat(in).as(resource).isNotNull();
        return in;
    }
}
