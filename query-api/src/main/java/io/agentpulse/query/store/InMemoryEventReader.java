package io.agentpulse.query.store;

import io.agentpulse.contract.Completion;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Events in a list (tests and demos); same answers as the PostgreSQL reader. */
public final class InMemoryEventReader implements EventReader {
    private final List<EventRow> events = new CopyOnWriteArrayList<>();

    public InMemoryEventReader add(EventRow e) {
        events.add(e);
        return this;
    }

    @Override
    public Future<List<EventRow>> find(EventQuery q) {
        Comparator<EventRow> order = q.order() == EventQuery.Order.SLOWEST
                ? Comparator.comparing(EventRow::latencyMs, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(EventRow::eventId)
                : Comparator.comparingLong(EventRow::timeMs).thenComparing(EventRow::eventId).reversed();
        return Future.succeededFuture(inRange(q.fromMs(), q.toMs())
                .filter(e -> matches(q.kind(), e.kind()) && matches(q.agent(), e.agentId())
                        && matches(q.model(), e.model()) && matches(q.operation(), e.operation())
                        && matches(q.status(), e.status())
                        && matches(q.traceId(), e.traceId()) && matches(q.spanId(), e.spanId())
                        && (q.errorType() == null || (EventQuery.UNTYPED.equals(q.errorType())
                                ? e.errorType() == null : q.errorType().equals(e.errorType())))
                        && (q.slice() == null || q.slice().value().equals(dimension(e, q.slice().dimension())))
                        && (q.minLatencyMs() == null || e.latencyMs() != null && e.latencyMs() >= q.minLatencyMs()))
                .sorted(order).skip(q.offset()).limit(q.limit()).toList());
    }

    /** The event's value of a slicing dimension, _none when it has none (as the processor counts it). */
    private static String dimension(EventRow e, String name) {
        String v = switch (name) {
            case "environment" -> e.environment();
            case "provider" -> e.provider();
            case "tool_name" -> e.toolName();
            case "error_type" -> e.errorType();
            default -> e.attributes() == null ? null : e.attributes().get(name);
        };
        return v == null || v.isEmpty() ? io.agentpulse.contract.Dimensions.NONE : v;
    }

    @Override
    public Future<EventRow> byId(String eventId) {
        return Future.succeededFuture(events.stream().filter(e -> e.eventId().equals(eventId)).findFirst().orElse(null));
    }

    @Override
    public Future<Map<String, Long>> lastSeen(long sinceMs) {
        Map<String, Long> out = new TreeMap<>();
        events.forEach(e -> out.merge(e.agentId(), Completion.of(e.timeMs(), e.latencyMs()), Math::max));
        out.values().removeIf(last -> last < sinceMs);
        return Future.succeededFuture(new LinkedHashMap<>(out));
    }

    @Override
    public Future<List<ToolStat>> tools(String agent, long fromMs, long toMs) {
        Map<String, long[]> byTool = new TreeMap<>();
        inRange(fromMs, toMs).filter(e -> agent.equals(e.agentId()) && e.toolName() != null).forEach(e -> {
            long[] c = byTool.computeIfAbsent(e.toolName(), k -> new long[2]);
            c[0]++;
            c[1] += "ERROR".equals(e.status()) ? 1 : 0;
        });
        List<ToolStat> out = new ArrayList<>();
        byTool.forEach((k, c) -> out.add(new ToolStat(k, c[0], c[1])));
        out.sort(Comparator.comparingLong(ToolStat::count).reversed().thenComparing(ToolStat::tool));
        return Future.succeededFuture(out);
    }

    private Stream<EventRow> inRange(long fromMs, long toMs) {
        return events.stream().filter(e -> e.timeMs() >= fromMs && e.timeMs() < toMs);
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || Objects.equals(wanted, actual);
    }
}
