package io.agentpulse.processor.alert;

import io.agentpulse.contract.rule.AlertRule;
import io.agentpulse.contract.rule.AlertMetric;

import io.agentpulse.ops.Bytes;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.avro.WindowRollup;
import io.agentpulse.ops.CounterSpec;
import io.agentpulse.processor.alert.AlertStateMachine.Step;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Evaluates the rules on every live 1-minute rollup snapshot of a series (input key = series key
 * grp|agent|model|operation, co-partitioned by the repartition before it), and on a wall-clock
 * punctuator for silent series, pending and firing instances and deleted rules. State lives in
 * {@link AlertTopology#ALERT_STORE} (changelogged): "s|series" = SeriesState, "a|rule|series" =
 * AlertInstance. Under exactly_once_v2 the state and the emitted events commit together, so a
 * restart neither forgets a pending alert nor fires it twice.
 */
final class AlertProcessor implements Processor<String, WindowRollup, String, AlertEvent> {
    static final CounterSpec SKIPPED = new CounterSpec("agentpulse_alert_rollups_skipped_total",
            "Rollups the alert evaluator did not evaluate, by reason (stale: older than the staleness bound)", "reason");
    static final CounterSpec TRANSITIONS = new CounterSpec("agentpulse_alert_transitions_total",
            "Alert state changes the evaluator emitted, by transition", "transition");
    private static final StringSerializer KEYS = new StringSerializer();

    private final AlertConfig config;
    private final MeterRegistry meters;
    private final RuleBook book;
    private ProcessorContext<String, AlertEvent> context;
    private KeyValueStore<String, byte[]> store;
    private ReadOnlyKeyValueStore<String, ?> rulesStore;
    private List<AlertRule> cachedRules; // see currentRules()
    private long rulesReadAt; // wall clock, ms

    AlertProcessor(AlertConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
        this.book = new RuleBook(meters);
    }

    @Override
    public void init(ProcessorContext<String, AlertEvent> context) {
        this.context = context;
        this.store = context.getStateStore(AlertTopology.ALERT_STORE);
        this.rulesStore = context.getStateStore(AlertTopology.RULES_STORE);
        context.schedule(config.evalInterval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, WindowRollup> record) {
        long now = record.timestamp();
        if (context.currentSystemTimeMs() - now > config.staleAfter().toMillis()) {
            SKIPPED.counter(meters, "stale").increment();
            return; // a replay of old snapshots must not raise alerts about the past
        }
        String series = record.key();
        Map<String, String> labels = AlertEvents.labels(series);
        List<AlertRule> rules = new ArrayList<>();
        for (AlertRule rule : currentRules()) {
            if (rule.kind() != AlertRule.Kind.BUDGET && applies(rule, labels)) { // budget rules: the budget job's
                rules.add(rule);
            }
        }
        if (rules.isEmpty()) {
            return; // no rule reads this series: keep no state for it
        }
        WindowRollup r = record.value();
        SeriesState s = SeriesState.decode(store.get("s|" + series));
        long start = r.getWindowStart().toEpochMilli();
        SeriesState.Win prev = s.windows.get(start);
        SeriesState.Win w = window(r);
        s.put(start, w, now);
        if (prev == null || w.count > prev.count) {
            s.lastSeen = Math.max(s.lastSeen, now); // only new calls count as "seen", not a window's final re-emit
        }
        for (AlertRule rule : rules) {
            if (rule.kind() == AlertRule.Kind.ANOMALY && w.isFinal) {
                Evaluator.learn(rule, s, start, w);
            }
            evaluate(rule, series, s, now);
        }
        store.put("s|" + series, s.encode());
    }

    /**
     * The rules, read from the global table at most once per second of wall clock: reading it per
     * rollup decoded every rule's JSON for every window update (a tenth of the stream thread at
     * 5,000 events/s). A rule change is seen within a second, as the evaluation interval.
     */
    private List<AlertRule> currentRules() {
        long now = context.currentSystemTimeMs();
        if (cachedRules == null || now - rulesReadAt >= 1000 || now < rulesReadAt) {
            cachedRules = book.rules(rulesStore);
            rulesReadAt = now;
        }
        return cachedRules;
    }

    private static SeriesState.Win window(WindowRollup r) {
        SeriesState.Win w = new SeriesState.Win();
        w.count = r.getCount();
        w.errors = r.getErrors();
        w.tokens = r.getInputTokens() + r.getOutputTokens();
        w.costUsd = r.getCostUsd();
        w.feedbackCount = r.getFeedbackCount();
        w.feedbackSum = r.getFeedbackSum();
        w.isFinal = r.getIsFinal();
        w.latency = Bytes.of(r.getLatencySketch());
        w.ttft = Bytes.of(r.getTtftSketch());
        return w;
    }

    static boolean applies(AlertRule rule, Map<String, String> labels) {
        return rule.group().equals(labels.get("grp")) && rule.matches(labels);
    }

    private void evaluate(AlertRule rule, String series, SeriesState s, long now) {
        String key = "a|" + rule.id() + "|" + series;
        byte[] stored = store.get(key);
        AlertInstance prev = AlertInstance.decode(stored);
        Step step = AlertStateMachine.step(prev, Evaluator.evaluate(rule, s, now), now, rule.forDuration(), rule.keepFiringFor());
        if (!step.state().equals(prev) || stored == null && step.state().phase() != AlertPhase.INACTIVE) {
            if (step.state().phase() == AlertPhase.INACTIVE) {
                store.delete(key);
            } else {
                store.put(key, step.state().encode());
            }
        }
        step.transition().ifPresent(t -> {
            AlertEvent e = AlertEvents.build(rule, series, t, prev, step.state(), now);
            TRANSITIONS.counter(meters, t.name().toLowerCase(java.util.Locale.ROOT)).increment();
            context.forward(new Record<>(e.getFingerprint(), e, now));
        });
    }

    /** Wall clock: silent series (no_data rules), instances waiting on `for`/keep_firing_for, deleted rules. */
    private void punctuate(long now) {
        List<AlertRule> rules = new ArrayList<>(book.rules(rulesStore));
        Map<String, AlertRule> byId = new HashMap<>();
        rules.forEach(r -> byId.put(r.id(), r));
        rules.removeIf(r -> r.kind() == AlertRule.Kind.BUDGET); // the budget job evaluates them
        List<KeyValue<String, byte[]>> series = scan("s|");
        for (KeyValue<String, byte[]> kv : series) {
            String key = kv.key.substring(2);
            Map<String, String> labels = AlertEvents.labels(key);
            SeriesState s = null;
            for (AlertRule rule : rules) {
                if (applies(rule, labels) && (rule.metric() == AlertMetric.NO_DATA || store.get("a|" + rule.id() + "|" + key) != null)) {
                    s = s == null ? SeriesState.decode(kv.value) : s; // decoded only when something is due
                    evaluate(rule, key, s, now);
                }
            }
            if (now - SeriesState.lastSeen(kv.value) > SeriesState.KEEP_MS) {
                store.delete(kv.key); // nothing left to evaluate over
            }
        }
        for (KeyValue<String, byte[]> kv : scan("b|")) { // budget sums of an older version: budget rules moved to the job
            store.delete(kv.key);
        }
        for (KeyValue<String, byte[]> kv : scan("a|")) {
            String rest = kv.key.substring(2);
            String ruleId = rest.substring(0, rest.indexOf('|'));
            if (byId.containsKey(ruleId) && byId.get(ruleId).kind() == AlertRule.Kind.BUDGET) {
                store.delete(kv.key); // an older version's instance: the budget job holds budget alerts now (it fires again if due)
            } else if (!byId.containsKey(ruleId)) {
                retire(ruleId, rest.substring(ruleId.length() + 1), kv, now);
            } else if (AlertInstance.decode(kv.value).phase() == AlertPhase.RESOLVED
                    && now - AlertInstance.decode(kv.value).resolvedAt() > SeriesState.KEEP_MS) {
                store.delete(kv.key);
            }
        }
    }

    /** The rule was deleted or disabled: a firing instance resolves, a pending one is cancelled. */
    private void retire(String ruleId, String series, KeyValue<String, byte[]> kv, long now) {
        AlertInstance prev = AlertInstance.decode(kv.value);
        store.delete(kv.key);
        if (prev.phase() != AlertPhase.FIRING && prev.phase() != AlertPhase.PENDING) {
            return;
        }
        AlertRule ghost = AlertRule.parse("{\"id\":\"" + ruleId + "\",\"metric\":\"error_rate\",\"comparator\":\">\",\"critical\":1}");
        Step step = AlertStateMachine.step(prev, java.util.Optional.empty(), now, ghost.forDuration(), java.time.Duration.ZERO);
        step.transition().ifPresent(t -> {
            AlertEvent e = AlertEvents.build(ghost, series, t, prev, step.state(), now);
            e.getLabels().put("reason", "rule-removed");
            context.forward(new Record<>(e.getFingerprint(), e, now));
        });
    }

    private List<KeyValue<String, byte[]>> scan(String prefix) {
        List<KeyValue<String, byte[]>> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix, KEYS)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
