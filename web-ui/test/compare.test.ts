import { test } from "node:test";
import assert from "node:assert/strict";
import { change, changeTitle, directionOf, figures, formatRelative, hasPrevious } from "../src/compare";
import { formatPercent, formatUsd } from "../src/format";

test("a change reads as arrow and relative percent, coloured by the metric's direction", () => {
  assert.deepEqual(change(10, 2.5, 0.25, directionOf("cost_usd")), { text: "\u25B2 25%", tone: "bad" });
  assert.deepEqual(change(10, -2.5, -0.25, directionOf("cost_usd")), { text: "\u25BC 25%", tone: "good" });
  assert.deepEqual(change(0.99, 0.005, 0.00505, directionOf("availability")), { text: "\u25B2 0.5%", tone: "good" });
  assert.deepEqual(change(0.02, 0.01, 0.5, directionOf("error_rate")), { text: "\u25B2 50%", tone: "bad" });
  assert.deepEqual(change(100, 50, 0.5, directionOf("count")), { text: "\u25B2 50%", tone: "flat" });
  assert.equal(directionOf("p95_ms"), "up-bad");
  assert.equal(directionOf("something_new"), "neutral");
});

test("no previous value, a previous of zero and no change each read plainly", () => {
  assert.deepEqual(change(null, null, null, "up-bad"), { text: "\u2014", tone: "none" });
  assert.deepEqual(change(undefined, undefined, undefined, "up-bad"), { text: "\u2014", tone: "none" });
  assert.deepEqual(change(0, 12, null, "up-bad"), { text: "\u25B2 from 0", tone: "bad" });
  assert.deepEqual(change(7, 0, 0, "up-bad"), { text: "0%", tone: "flat" });
});

test("relative change keeps small changes visible and caps huge ones", () => {
  assert.equal(formatRelative(0.1234), "12%");
  assert.equal(formatRelative(-0.0123), "1.2%");
  assert.equal(formatRelative(2.5), "250%");
  assert.equal(formatRelative(45), ">999%");
});

test("the tooltip gives the absolute change and the previous value in the metric's format", () => {
  assert.equal(changeTitle(10, 2.5, formatUsd), "change +$2.50 (previous period $10.00)");
  assert.equal(changeTitle(0.02, -0.01, formatPercent), "change -1.00% (previous period 2.00%)");
  assert.equal(changeTitle(null, null, formatUsd), "no value in the previous period");
});

test("figures come from the API's previous_/delta_/delta_pct_ fields", () => {
  const row = { cost_usd: 3, previous_cost_usd: 2, delta_cost_usd: 1, delta_pct_cost_usd: 0.5 };
  assert.deepEqual(figures(row, "cost_usd"), { previous: 2, delta: 1, pct: 0.5 });
  assert.equal(hasPrevious(row, "cost_usd"), true);
  assert.equal(hasPrevious(row, "count"), false);
});
