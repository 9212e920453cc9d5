package io.agentpulse.registry;

import io.agentpulse.contract.registry.SchemaRegistryException;
import io.agentpulse.contract.registry.SchemaRegistryClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SchemaRegistryClient} guarantees, run against each implementation.
 * Subclasses give a client over an empty registry.
 */
abstract class SchemaRegistryContractTest {
    static final Schema V1 = parse("""
        {"type":"record","name":"Ping","namespace":"t","fields":[{"name":"a","type":"string"}]}""");
    /** V1 plus an optional field with a default: BACKWARD compatible. */
    static final Schema V2 = parse("""
        {"type":"record","name":"Ping","namespace":"t","fields":[{"name":"a","type":"string"},
         {"name":"b","type":["null","long"],"default":null}]}""");
    /** V1 plus a required field without default: cannot read V1 data. */
    static final Schema BREAKING = parse("""
        {"type":"record","name":"Ping","namespace":"t","fields":[{"name":"a","type":"string"},
         {"name":"c","type":"long"}]}""");

    /** A client over an empty registry. */
    abstract SchemaRegistryClient client();

    static Schema parse(String text) {
        return new Schema.Parser().parse(text);
    }

    @Test
    void registerReturnsAnIdThatGetByIdResolves() {
        int id = client().register("ping-value", V1);

        assertThat(id).isPositive();
        assertThat(client().getById(id)).isEqualTo(V1);
    }

    @Test
    void registeringTheSameSchemaAgainReturnsTheSameId() {
        int first = client().register("ping-value", V1);

        assertThat(client().register("ping-value", V1)).isEqualTo(first);
        assertThat(client().register("ping-value", parse(V1.toString()))).isEqualTo(first);
    }

    @Test
    void idsAreGlobalAcrossSubjects() {
        int a = client().register("a-value", V1);
        int b = client().register("b-value", V1);
        int c = client().register("b-value", V2);

        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
        assertThat(client().getById(c)).isEqualTo(V2);
    }

    @Test
    void lookupFindsRegisteredSchemasOnly() {
        int id = client().register("ping-value", V1);

        assertThat(client().lookup("ping-value", V1)).isEqualTo(id);
        assertThatThrownBy(() -> client().lookup("ping-value", V2))
            .isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
        assertThatThrownBy(() -> client().lookup("nobody-value", V1))
            .isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
    }

    @Test
    void unknownIdIsSchemaNotFound() {
        assertThatThrownBy(() -> client().getById(987_654))
            .isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
    }

    @Test
    void backwardCompatibleEvolutionIsAllowed() {
        client().register("ping-value", V1);

        assertThat(client().isCompatible("ping-value", V2)).isTrue();
        assertThat(client().register("ping-value", V2)).isPositive();
    }

    @Test
    void incompatibleSchemaIsRefusedWith409() {
        client().register("ping-value", V1);

        assertThat(client().isCompatible("ping-value", BREAKING)).isFalse();
        assertThatThrownBy(() -> client().register("ping-value", BREAKING))
            .isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE))
            .hasMessageContaining("ping-value");
        assertThatThrownBy(() -> client().lookup("ping-value", BREAKING)).isInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void anythingIsCompatibleWithAnUnknownSubject() {
        assertThat(client().isCompatible("fresh-value", BREAKING)).isTrue();
    }
}
