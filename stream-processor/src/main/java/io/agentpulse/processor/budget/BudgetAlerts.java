package io.agentpulse.processor.budget;

import io.agentpulse.contract.rule.AlertRule;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.ops.CounterSpec;
import io.agentpulse.contract.Granularity;
import io.agentpulse.processor.alert.BudgetRules;
import io.agentpulse.processor.alert.Budgets;
import io.agentpulse.processor.alert.Budgets.Span;
import io.agentpulse.processor.alert.Budgets.Sums;
import io.agentpulse.processor.budget.BudgetStore.StateKey;
import io.agentpulse.processor.alert.AlertPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One evaluation of every budget rule, inside a run's transaction: per rule, the sums of each span its
 * verdict reads ({@link Budgets#spans}) per series, from the tables that hold the span exactly
 * ({@link Cover}), then {@link BudgetRules#step} per (rule, series) with the stored state. A series
 * with a state but no row in the spans is evaluated over zero sums (a new day: spend 0, resolves), and
 * instances of rules that are gone are retired. The events are published before the transaction commits.
 */
final class BudgetAlerts {
    static final CounterSpec INVALID = new CounterSpec("agentpulse_budget_rules_invalid_total",
            "Stored alert rules the budget job could not read (skipped at each run)");

    private final AlertPublisher publisher;
    private final List<Granularity> tables;
    private final MeterRegistry meters;

    /** @param tables the granularities the processor writes (config.granularities()): only those tables are read */
    BudgetAlerts(AlertPublisher publisher, List<Granularity> tables, MeterRegistry meters) {
        this.publisher = publisher;
        this.tables = List.copyOf(tables);
        this.meters = meters;
    }

    /** Returns the number of events published. */
    int evaluate(BudgetStore.Tx tx, long now) {
        List<AlertRule> rules = BudgetRules.budgetRules(tx.ruleJsons(), m -> INVALID.counter(meters).increment());
        Map<StateKey, byte[]> states = tx.alertStates();
        List<AlertEvent> events = new ArrayList<>();
        Set<StateKey> evaluated = new HashSet<>();
        for (AlertRule rule : rules) {
            Map<Span, Map<String, Sums>> sums = new HashMap<>();
            Set<String> series = new TreeSet<>();
            for (Span span : Budgets.spans(rule, now)) {
                Map<String, Sums> bySeries = read(tx, rule, span, now);
                sums.put(span, bySeries);
                series.addAll(bySeries.keySet());
            }
            states.keySet().stream().filter(k -> k.ruleId().equals(rule.id())).forEach(k -> series.add(k.series()));
            for (String s : series) {
                if (!BudgetRules.selects(rule, s)) {
                    continue;
                }
                StateKey key = new StateKey(rule.id(), s);
                evaluated.add(key);
                byte[] prev = states.get(key);
                BudgetRules.Outcome o = BudgetRules.step(rule, s,
                        Budgets.evaluate(rule, span -> sums.get(span).getOrDefault(s, Sums.ZERO), now), prev, now);
                if (!Arrays.equals(prev, o.state())) {
                    tx.putAlertState(key, o.state());
                }
                o.event().ifPresent(events::add);
            }
        }
        for (Map.Entry<StateKey, byte[]> e : states.entrySet()) {
            if (!evaluated.contains(e.getKey())) {
                tx.putAlertState(e.getKey(), null);
                BudgetRules.retire(e.getKey().ruleId(), e.getKey().series(), e.getValue(), now).ifPresent(events::add);
            }
        }
        publisher.publish(events);
        return events.size();
    }

    /** The rule's series' sums over the span, merged over the parts that hold it. */
    private Map<String, Sums> read(BudgetStore.Tx tx, AlertRule rule, Span span, long now) {
        String grp = BudgetRules.grp(rule);
        boolean prefix = !grp.equals(rule.group());
        Map<String, Sums> out = new HashMap<>();
        for (Cover.Part p : Cover.parts(span.from(), span.to(), now, tables)) {
            tx.sums(p.granularity(), grp, prefix, p.fromMs(), p.toMs()).forEach((s, x) -> out.merge(s, x, Sums::plus));
        }
        return out;
    }
}
