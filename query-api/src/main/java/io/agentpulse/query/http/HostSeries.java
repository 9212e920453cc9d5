package io.agentpulse.query.http;

import io.agentpulse.contract.Granularity;
import io.agentpulse.query.store.HostAgg;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The columnar answer of /api/v1/hosts/timeseries from rows summed per (host, agent, bucket). */
final class HostSeries {
    static final String[] METRICS = {"cpu_avg", "cpu_max", "memory_avg_bytes", "memory_max_bytes"};

    private HostSeries() {}

    static JsonObject toJson(List<HostAgg> rows, Granularity g, long step, long from, long to, int limit) {
        int n = (int) ((to - from) / step);
        Map<String, HostAgg[]> byHost = new TreeMap<>();
        for (HostAgg a : rows) {
            HostAgg[] cells = byHost.computeIfAbsent(a.host(), k -> new HostAgg[n]);
            int i = (int) ((a.bucket() - from) / step);
            if (i >= 0 && i < n) {
                cells[i] = cells[i] == null ? a : HostAgg.merge(cells[i], a);
            }
        }
        List<String> hosts = new ArrayList<>(byHost.keySet());
        // the hosts with the highest peak CPU (then name), so a busy fleet charts its hottest hosts
        hosts.sort(Comparator.comparingDouble((String h) -> -peak(byHost.get(h))).thenComparing(h -> h));
        List<String> shown = hosts.subList(0, Math.min(limit, hosts.size()));
        JsonArray t = new JsonArray();
        for (int i = 0; i < n; i++) {
            t.add(from + i * step);
        }
        JsonArray series = new JsonArray();
        for (String h : shown) {
            HostAgg[] cells = byHost.get(h);
            for (String m : METRICS) {
                JsonArray values = new JsonArray();
                for (HostAgg c : cells) {
                    values.add(c == null ? null : value(c, m));
                }
                series.add(new JsonObject().put("key", h + "/" + m).put("host", h).put("metric", m).put("values", values));
            }
        }
        return new JsonObject().put("from", from).put("to", to).put("step", step).put("granularity", g.label())
                .put("hosts_total", hosts.size()).put("t", t).put("series", series);
    }

    private static double peak(HostAgg[] cells) {
        double p = -1;
        for (HostAgg c : cells) {
            if (c != null && c.cpuMax() != null) {
                p = Math.max(p, c.cpuMax());
            }
        }
        return p;
    }

    private static Object value(HostAgg c, String metric) {
        return switch (metric) {
            case "cpu_avg" -> HostsQuery.avg(c.cpuSum(), c.cpuSamples());
            case "cpu_max" -> c.cpuMax();
            case "memory_avg_bytes" -> HostsQuery.avg(c.memSum(), c.memSamples());
            default -> c.memMax();
        };
    }
}
