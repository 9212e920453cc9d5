package io.agentpulse.processor.alert.notify;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.notify.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the notifier reads and writes: active silences, the channels a rule routes a severity to, the
 * notification log. Implementations: {@link JdbcNotifyRepo} (PostgreSQL) and {@link InMemoryNotifyRepo};
 * one contract test runs on both.
 */
public interface NotifyRepo {
    record Silence(long id, Map<String, String> matchers) {}

    /** outcome: delivered, retry, failed, silenced, no-channel. */
    record LogEntry(AlertEvent event, String channel, int attempt, String outcome, Integer status, String error, Instant at) {}

    List<Silence> activeSilences(Instant now) throws Exception;

    /**
     * The channels a transition of the rule at {@code severity} (CRITICAL, WARNING, INFO) goes to, by the
     * rule's "channels" routes ({@link io.agentpulse.notify.Route}); unknown ids are left out.
     */
    List<Channel> channelsFor(String ruleId, String severity) throws Exception;

    boolean delivered(AlertEvent e, String channel) throws Exception;

    void log(LogEntry entry) throws Exception;
}
