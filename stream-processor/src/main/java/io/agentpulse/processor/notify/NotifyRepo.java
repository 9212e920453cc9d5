package io.agentpulse.processor.notify;

import io.agentpulse.avro.AlertEvent;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the notifier reads and writes: active silences, a rule's channels, the notification log.
 * Implementations: {@link JdbcNotifyRepo} (PostgreSQL) and {@link InMemoryNotifyRepo}.
 */
public interface NotifyRepo {
    record Silence(long id, Map<String, String> matchers) {}

    record Channel(String id, Webhooks.Kind kind, URI url) {}

    /** outcome: delivered, retry, failed, silenced, no-channel. */
    record LogEntry(AlertEvent event, String channel, int attempt, String outcome, Integer status, String error, Instant at) {}

    List<Silence> activeSilences(Instant now) throws Exception;

    /** The channels the rule routes to (its "channels" list, else "default"); unknown ids are left out. */
    List<Channel> channelsFor(String ruleId) throws Exception;

    boolean delivered(AlertEvent e, String channel) throws Exception;

    void log(LogEntry entry) throws Exception;
}
