package io.agentpulse.query.store;

import io.agentpulse.contract.Granularity;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Host rollup rows held in memory, one list per table; each row's bucket field is its window start. */
public final class InMemoryHostReader implements HostReader {
    private final Map<Granularity, List<HostAgg>> tables = new EnumMap<>(Granularity.class);

    /** Adds one table row (bucket = window start). */
    public synchronized InMemoryHostReader add(Granularity g, HostAgg row) {
        tables.computeIfAbsent(g, k -> new ArrayList<>()).add(row);
        return this;
    }

    @Override
    public synchronized Future<List<HostAgg>> read(HostQuery q) {
        Map<String, HostAgg> out = new TreeMap<>();
        for (HostAgg r : tables.getOrDefault(q.segment().granularity(), List.of())) {
            if (r.bucket() < q.segment().fromMs() || r.bucket() >= q.segment().toMs()
                    || q.host() != null && !q.host().equals(r.host()) || q.agent() != null && !q.agent().equals(r.agentId())) {
                continue;
            }
            long b = q.bucketOf(r.bucket());
            HostAgg moved = new HostAgg(r.host(), r.agentId(), b, r.samples(), r.cpuSamples(), r.cpuSum(), r.cpuMax(),
                    r.memSamples(), r.memSum(), r.memMax(), r.lastTime(), r.lastCpu(), r.lastMem());
            out.merge(r.host() + '\u0000' + r.agentId() + '\u0000' + String.format("%020d", b), moved, HostAgg::merge);
        }
        return Future.succeededFuture(new ArrayList<>(out.values()));
    }
}
