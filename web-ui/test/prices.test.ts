import "./dom-env";
import { activeContent } from "./dom-env";
import { test } from "node:test";
import assert from "node:assert/strict";
import { budgetState, periods, pricePanels } from "../src/views/prices";
import { getJson } from "../src/http";
import { setSession } from "../src/session";
import { fakeFetch } from "./fake-fetch";

const EVIL = "<img src=x onerror=alert(1)>";
const VERSION = { id: "gpt-4o@2026-01-01T00:00:00Z", model: "gpt-4o", effective_from: "2026-01-01T00:00:00Z", input: 2, cached_input: 1,
  output: 8, reasoning: 8, source: "admin", created_by: EVIL, note: EVIL, in_force: true };

test("budget states: warning at 90%, critical at 110%, a month-end projection over 110% warns", () => {
  assert.equal(budgetState(89.9, 100), "ok");
  assert.equal(budgetState(90, 100), "warning");
  assert.equal(budgetState(110, 100), "critical");
  assert.equal(budgetState(50, 100, 0.9, 1.1, 111), "warning");
  assert.equal(budgetState(50, 0), "unknown");
  const p = periods(Date.UTC(2026, 3, 10, 12));
  assert.equal(p.day, Date.UTC(2026, 3, 10));
  assert.equal(p.month, Date.UTC(2026, 3, 1));
  assert.equal(p.monthEnd, Date.UTC(2026, 4, 1));
});

test("prices, notes, users and rule ids are text; only an admin gets the forms; a budget rule shows its state", async () => {
  fakeFetch({
    "GET /api/v1/alert-rules": [200, { rules: [{ id: EVIL, body: { id: EVIL, kind: "budget", metric: "spend_day", budget_usd: 10 } }] }],
    "GET /api/v1/summary": [200, { cost_usd: 12 }],
    "GET /api/v1/prices": [200, { versions: [VERSION] }],
    "GET /api/v1/reprice-jobs": [200, { jobs: [{ id: 7, from: "a", to: "b", model: EVIL, status: "done", requested_by: EVIL,
      events_repriced: 3, rows_adjusted: 15, rows_missing: 0, delta_usd: 1.5, error: null }] }],
  });
  setSession({ username: "admin", role: "admin", csrf: "c1" });
  const box = await pricePanels((u) => getJson(u));
  assert.deepEqual(activeContent(box), []);
  assert.equal(box.querySelector("#price-versions .price-note")?.textContent, EVIL);
  assert.equal(box.querySelector("#budget-status td")?.textContent, EVIL);
  assert.equal(box.querySelector("#budget-status .badge")?.textContent, "critical");
  assert.ok(box.querySelector("#price-form") && box.querySelector("#reprice-form"));
  assert.equal(box.querySelector("#reprice-jobs .job-status")?.textContent, "done");
  setSession({ username: "v", role: "viewer", csrf: "c2" });
  const viewer = await pricePanels((u) => getJson(u));
  assert.equal(viewer.querySelector("#price-form"), null);
  assert.equal(viewer.querySelector("#reprice-form"), null);
});
