package io.agentpulse.contract.registry;

import org.apache.avro.Schema;

/**
 * The subset of a Confluent schema registry the serdes need. Subjects follow the
 * TopicNameStrategy ({@code topic + "-value"}). Ids are global: the same schema text gets the same
 * id under every subject. Every method throws {@link SchemaRegistryException} on refusal.
 */
public interface SchemaRegistryClient {

    /** Registers the schema under the subject (idempotent) and returns its global id; 409 when incompatible. */
    int register(String subject, Schema schema);

    /** The schema with this global id; {@link SchemaRegistryException#SCHEMA_NOT_FOUND} when unknown. */
    Schema getById(int id);

    /** The id of a schema already registered under the subject, or throws (40401 / 40403). */
    int lookup(String subject, Schema schema);

    /** Whether the schema could be registered under the subject now (true for an unknown subject). */
    boolean isCompatible(String subject, Schema schema);
}
