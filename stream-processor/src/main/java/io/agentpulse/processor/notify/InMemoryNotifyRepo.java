package io.agentpulse.processor.notify;

import io.agentpulse.avro.AlertEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Silences, routes and the log in memory (tests, and a notifier without a database). Thread-safe. */
public final class InMemoryNotifyRepo implements NotifyRepo {
    private record Timed(Silence silence, Instant until) {}

    private final List<Timed> silences = new ArrayList<>();
    private final Map<String, List<Channel>> routes = new HashMap<>();
    private final List<Channel> fallback;
    private final List<LogEntry> log = new ArrayList<>();

    public InMemoryNotifyRepo(List<Channel> fallback) {
        this.fallback = List.copyOf(fallback);
    }

    public synchronized void silence(long id, Map<String, String> matchers, Instant until) {
        silences.add(new Timed(new Silence(id, matchers), until));
    }

    public synchronized void route(String ruleId, List<Channel> channels) {
        routes.put(ruleId, List.copyOf(channels));
    }

    @Override
    public synchronized List<Silence> activeSilences(Instant now) {
        return silences.stream().filter(t -> t.until.isAfter(now)).map(Timed::silence).toList();
    }

    @Override
    public synchronized List<Channel> channelsFor(String ruleId) {
        return routes.getOrDefault(ruleId, fallback);
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
