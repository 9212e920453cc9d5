package io.agentpulse.query.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * Reads raw events (agent_events). Implementations: {@link PgEventReader} (vertx-pg-client) and
 * {@link InMemoryEventReader}; one contract test (EventReaderContract) runs against both.
 */
public interface EventReader {
    /** A page of matching events, newest first (ties by event_id descending) or slowest first. */
    Future<List<EventRow>> find(EventQuery q);

    /** The event with this id, or null. */
    Future<EventRow> byId(String eventId);

    /**
     * Every agent last heard of at or after sinceMs -> that time, epoch ms: the latest completion
     * (event_time + latency_ms, contract/Completion) of any of its events, any kind. PostgreSQL reads
     * the sink's agent_last_seen (one row per agent), never a scan of agent_events.
     */
    Future<Map<String, Long>> lastSeen(long sinceMs);

    /** Tool calls (tool_name set) of one agent in [fromMs, toMs), by count descending then name. */
    Future<List<ToolStat>> tools(String agent, long fromMs, long toMs);

    record ToolStat(String tool, long count, long errors) {}
}
