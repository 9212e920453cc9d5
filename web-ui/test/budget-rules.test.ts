import "./dom-env";
import { test } from "node:test";
import assert from "node:assert/strict";
import { thresholdsText } from "../src/views/alerts-budget";

test("rules table: budget thresholds read as >= factors of the budget or baseline, defaults filled in", () => {
  assert.equal(thresholdsText({ kind: "budget", metric: "spend_month", budget_usd: 3000 }), "≥ 90% / 110% of $3000");
  assert.equal(thresholdsText({ kind: "budget", metric: "spend_day", budget_usd: 5, warning: 0.8, critical: 1 }), "≥ 80% / 100% of $5");
  assert.equal(thresholdsText({ kind: "budget", metric: "cost_per_call" }), "≥ 1.5× / 2× the 7-day mean");
  assert.equal(thresholdsText({ kind: "budget", metric: "cost_vs_usage", warning: 1.3 }), "≥ 1.3× / 1.5× usage growth");
  assert.equal(thresholdsText({ kind: "threshold", comparator: "<", warning: 0.5 }), "< 0.5 / —");
});
