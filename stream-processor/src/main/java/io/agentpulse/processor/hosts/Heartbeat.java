package io.agentpulse.processor.hosts;

/**
 * A stored HEARTBEAT event as the host job reads it (in-memory store and tests).
 *
 * @param eventTime  epoch ms; places the heartbeat in its minute (a heartbeat has no latency)
 * @param ingestedAt epoch ms when the sink stored it (agent_events.ingested_at)
 * @param host       attributes' host.name, else the agent id (see {@link #hostOf})
 * @param cpu        host_cpu as sent (may be null, NaN or out of range: then it is no CPU sample)
 * @param memory     host_memory_bytes as sent (may be null or negative: then no memory sample)
 */
record Heartbeat(String eventId, long eventTime, long ingestedAt, String agentId, String host, Double cpu, Long memory) {

    /** The host a heartbeat reports on: its host.name attribute when not blank, else its agent. */
    static String hostOf(String hostName, String agentId) {
        return hostName == null || hostName.isEmpty() ? agentId : hostName;
    }

    Double validCpu() {
        return cpu != null && cpu >= 0 && cpu <= 1 ? cpu : null;
    }

    Long validMemory() {
        return memory != null && memory >= 0 ? memory : null;
    }
}
