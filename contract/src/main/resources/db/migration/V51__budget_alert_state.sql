-- Budget rules (kind budget: spend_day, spend_month, cost_per_call, cost_vs_usage) are evaluated by the
-- processor's BudgetJob over the rollup tables, not by the topology (stream-processor/RATIONALE-alerts.md):
-- the state of each (rule, series) alert instance lives here and commits with the job's run, so a restart
-- neither forgets a firing alert nor fires it again. series = grp|agent|model|operation as the topology keys
-- a series (the fingerprint is a hash of rule id and series); state = the AlertInstance encoding (51 bytes).
CREATE TABLE budget_alert_state (
    rule_id    text NOT NULL,
    series     text NOT NULL,
    state      bytea NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (rule_id, series)
);
