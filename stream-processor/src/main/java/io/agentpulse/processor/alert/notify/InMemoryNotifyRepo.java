package io.agentpulse.processor.alert.notify;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.notify.Channel;
import io.agentpulse.notify.Route;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Silences, channels, rule routes and the log in memory (tests, and a notifier without a database). Thread-safe. */
final class InMemoryNotifyRepo implements NotifyRepo {
    private record Timed(Silence silence, Instant until) {}

    private final List<Timed> silences = new ArrayList<>();
    private final Map<String, Channel> channels = new TreeMap<>();
    private final Map<String, List<String>> routes = new HashMap<>();
    private final List<LogEntry> log = new ArrayList<>();

    public synchronized void silence(long id, Map<String, String> matchers, Instant until) {
        silences.add(new Timed(new Silence(id, matchers), until));
    }

    public synchronized void channel(Channel c) {
        channels.put(c.id(), c);
    }

    /** The rule's "channels" entries, as in its JSON: "id", "id:critical", "*". */
    public synchronized void route(String ruleId, List<String> entries) {
        routes.put(ruleId, List.copyOf(entries));
    }

    @Override
    public synchronized List<Silence> activeSilences(Instant now) {
        return silences.stream().filter(t -> t.until.isAfter(now)).map(Timed::silence).toList();
    }

    @Override
    public synchronized List<Channel> channelsFor(String ruleId, String severity) {
        return Route.select(routes.getOrDefault(ruleId, List.of()), channels.keySet(), severity).stream()
                .filter(channels::containsKey).map(channels::get).toList();
    }

    @Override
    public synchronized boolean delivered(AlertEvent e, String channel) {
        return log.stream().anyMatch(l -> l.outcome().equals("delivered") && l.channel().equals(channel) && same(l.event(), e));
    }

    private static boolean same(AlertEvent a, AlertEvent b) {
        return a.getFingerprint().equals(b.getFingerprint()) && a.getStartsAt().equals(b.getStartsAt())
                && a.getState() == b.getState() && a.getSeverity() == b.getSeverity();
    }

    @Override
    public synchronized void log(LogEntry entry) {
        log.add(entry);
    }

    public synchronized List<LogEntry> entries() {
        return List.copyOf(log);
    }
}
