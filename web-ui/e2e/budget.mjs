// Budget rules in the browser, registered by dashboard.e2e.mjs: the operator picks the spend_day template
// in the Alerts view's rule editor, sets a tiny budget and saves; the processor's budget job (every 2 s
// in ITDashboardBrowser, AGENTPULSE_BUDGET_EVERY) reads today's spend of the demo fleet from the rollup
// tables and fires critical; the alert shows in the Alerts view's "Firing and pending" table.
import { test } from "node:test";
import assert from "node:assert/strict";
import { api, BASE, call, newPage } from "./client.mjs";

/** `admin()` gives the admin's session; `shot(page, name)` saves a screenshot. */
export function budgetTests(admin, shot) {
  test("budget: a daily budget rule made in the Alerts view fires for the fleet's spend", { timeout: 90_000 }, async () => {
    const id = `e2e-budget-${Date.now()}`;
    const name = `E2E daily budget ${id.slice(-6)}`;
    const page = await newPage(admin());
    try {
      await page.goto(`${BASE}/#/alerts`);
      const picker = page.locator("select.budget-template");
      await picker.waitFor({ timeout: 15_000 });
      await picker.selectOption("spend_day");
      const area = page.locator(".rule-editor textarea").first();
      const rule = JSON.parse(await area.inputValue());
      assert.equal(rule.kind, "budget");
      assert.equal(rule.metric, "spend_day");
      Object.assign(rule, { id, name, budget_usd: 0.000001 }); // the demo fleet spends more than 1.1 micro-USD a day
      await area.fill(JSON.stringify(rule, null, 2));
      await page.locator(".rule-editor button", { hasText: "Save" }).click();
      await page.locator(".rule-editor").waitFor({ state: "detached", timeout: 10_000 });
      const stored = (await api(admin(), "GET", "/api/v1/alert-rules")).rules.find((r) => r.id === id);
      assert.ok(stored, "the rule was stored");

      const row = page.locator("main > section.alerts tr", { hasText: name }).first();
      await row.waitFor({ timeout: 60_000 });
      assert.match(await row.textContent(), /FIRING/i);
      assert.match(await row.textContent(), /critical/i);
      await shot(page, "alerts-budget");
      const firing = (await api(admin(), "GET", "/api/v1/alerts")).firing.find((a) => a.rule_id === id);
      assert.ok(firing, "the API lists the budget alert as firing");
      assert.ok(Number(firing.value) >= 1.1 * 0.000001, `spend ${firing.value} reaches 110% of the budget`);
    } finally {
      await page.close();
      await call(admin(), "DELETE", `/api/v1/alert-rules/${encodeURIComponent(id)}`);
    }
  });
}
