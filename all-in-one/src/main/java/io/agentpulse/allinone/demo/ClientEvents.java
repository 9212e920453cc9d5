package io.agentpulse.allinone.demo;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.client.PulseEvent;
import org.apache.avro.Schema;

/**
 * The demo fleet's Avro events as the agents' client library takes them. Copied field by field by
 * schema name, so a field added to AgentEvent.avsc needs no change here (the client refuses a name it
 * does not know, and its EventFieldTest keeps its fields equal to the schema's).
 */
public final class ClientEvents {
    private ClientEvents() {}

    public static PulseEvent from(AgentEvent e) {
        PulseEvent.Builder b = PulseEvent.builder();
        for (Schema.Field f : e.getSchema().getFields()) {
            b.set(f.name(), e.get(f.pos()));
        }
        return b.build();
    }
}
