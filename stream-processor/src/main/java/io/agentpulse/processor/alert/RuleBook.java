package io.agentpulse.processor.alert;

import io.agentpulse.contract.rule.AlertRule;

import io.agentpulse.ops.CounterSpec;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of the GlobalKTable, parsed once per distinct JSON. A rule that does not parse is
 * skipped, logged once and counted (agentpulse_alert_rules_invalid_total); the others still run.
 */
final class RuleBook {
    static final CounterSpec INVALID = new CounterSpec("agentpulse_alert_rules_invalid_total",
            "Alert rule records that could not be read or validated and were ignored");
    private static final Logger LOG = LoggerFactory.getLogger(RuleBook.class);

    private record Parsed(String json, AlertRule rule) {}

    private final Map<String, Parsed> cache = new HashMap<>();
    private final MeterRegistry meters;

    RuleBook(MeterRegistry meters) {
        this.meters = meters;
    }

    /** The enabled rules now in the store; values may be raw JSON or ValueAndTimestamp of it. */
    List<AlertRule> rules(ReadOnlyKeyValueStore<String, ?> store) {
        List<AlertRule> out = new ArrayList<>();
        Map<String, Parsed> seen = new HashMap<>();
        try (KeyValueIterator<String, ?> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, ?> kv = it.next();
                Object v = kv.value instanceof ValueAndTimestamp<?> vt ? vt.value() : kv.value;
                if (v == null) {
                    continue;
                }
                Parsed p = parse(kv.key, v.toString());
                seen.put(kv.key, p);
                if (p.rule != null && p.rule.enabled()) {
                    out.add(p.rule);
                }
            }
        }
        cache.keySet().retainAll(seen.keySet());
        return out;
    }

    private Parsed parse(String id, String json) {
        Parsed old = cache.get(id);
        if (old != null && old.json.equals(json)) {
            return old;
        }
        AlertRule rule = null;
        try {
            rule = AlertRule.parse(json);
            if (!rule.id().equals(id)) {
                throw new IllegalArgumentException("The record key '" + id + "' differs from the rule id '" + rule.id() + "'.");
            }
        } catch (RuntimeException e) {
            INVALID.counter(meters).increment();
            LOG.warn("Ignoring alert rule {}: {}", id, e.getMessage());
            rule = null;
        }
        Parsed p = new Parsed(json, rule);
        cache.put(id, p);
        return p;
    }
}
