package io.agentpulse.schemas.registry;
import org.apache.avro.Schema;
/** TEMPORARY shim of the schemas module's contract (deleted once schemas lands on main). */
public interface SchemaRegistryClient {
    int register(String subject, Schema schema);
    Schema getById(int id);
    int lookup(String subject, Schema schema);
    boolean isCompatible(String subject, Schema schema);
}
