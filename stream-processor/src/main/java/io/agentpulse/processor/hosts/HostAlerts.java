package io.agentpulse.processor.hosts;

import io.agentpulse.contract.rule.AlertRule;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.ops.CounterSpec;
import io.agentpulse.contract.Granularity;
import io.agentpulse.processor.alert.AlertPublisher;
import io.agentpulse.contract.rule.AlertRule;
import io.agentpulse.processor.alert.HostRules;
import io.agentpulse.processor.hosts.HostRollupStore.StateKey;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Evaluates the host rules at the end of each host job run, inside its transaction: per rule, the
 * metric per host over the minutes overlapping [now - range, now] (host_rollup_1m, all agents of
 * the host together), then {@link HostRules#step} per (rule, host) with the stored state. Hosts with
 * a state but no heartbeat in the range are evaluated as "does not hold", and instances of rules
 * that are gone are retired. The events are published before the transaction commits.
 */
final class HostAlerts {
    static final CounterSpec INVALID = new CounterSpec("agentpulse_host_alert_rules_invalid_total",
            "Stored alert rules the host job could not read (skipped at each run)");

    private final AlertPublisher publisher;
    private final MeterRegistry meters;

    HostAlerts(AlertPublisher publisher, MeterRegistry meters) {
        this.publisher = publisher;
        this.meters = meters;
    }

    /** Returns the number of events published. */
    int evaluate(HostRollupStore.Tx tx, long now) {
        List<AlertRule> rules = HostRules.hostRules(tx.ruleJsons(), m -> INVALID.counter(meters).increment());
        Map<StateKey, byte[]> states = tx.alertStates();
        List<AlertEvent> events = new ArrayList<>();
        Set<StateKey> evaluated = new HashSet<>();
        for (AlertRule rule : rules) {
            Map<String, HostRules.Sample> samples = measure(tx, rule, now);
            Set<String> hosts = new HashSet<>(samples.keySet());
            states.keySet().stream().filter(k -> k.ruleId().equals(rule.id()) && HostRules.selects(rule, k.host()))
                    .forEach(k -> hosts.add(k.host()));
            for (String host : hosts) {
                StateKey key = new StateKey(rule.id(), host);
                evaluated.add(key);
                byte[] prev = states.get(key);
                HostRules.Outcome o = HostRules.step(rule, host, samples.get(host), prev, now);
                if (!Arrays.equals(prev, o.state())) {
                    tx.putAlertState(key, o.state());
                }
                o.event().ifPresent(events::add);
            }
        }
        for (Map.Entry<StateKey, byte[]> e : states.entrySet()) {
            if (!evaluated.contains(e.getKey())) {
                tx.putAlertState(e.getKey(), null);
                HostRules.retire(e.getKey().ruleId(), e.getKey().host(), e.getValue(), now).ifPresent(events::add);
            }
        }
        publisher.publish(events);
        return events.size();
    }

    private static Map<String, HostRules.Sample> measure(HostRollupStore.Tx tx, AlertRule rule, long now) {
        long from = Granularity.MINUTE.windowStart(now - rule.range().toMillis());
        Map<String, HostRow> byHost = new TreeMap<>();
        for (HostRow r : tx.rows(Granularity.MINUTE, from, now + 1)) {
            if (HostRules.selects(rule, r.host())) {
                byHost.merge(r.host(), r, HostRow::merge);
            }
        }
        Map<String, HostRules.Sample> out = new HashMap<>();
        byHost.forEach((host, r) -> out.put(host, HostRules.measure(rule.metric(), r.samples(), r.cpuSamples(), r.cpuSum(),
                r.cpuMax(), r.memSamples(), r.memSum(), r.memMax())));
        return out;
    }
}
