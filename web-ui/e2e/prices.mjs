// The prices part of the Cost view in the browser, registered by dashboard.e2e.mjs: calls of a model no
// version knows arrive unpriced; the admin adds a version for it through the form (its note is markup and
// must show as text), sees it in force and in the model's history, requests a repricing job over the
// calls' range and watches the processor run it; the calls then carry the new price. A daily budget
// rule far below today's spend shows as critical in the budget panel.
import { test } from "node:test";
import assert from "node:assert/strict";
import { api, BASE, call, EVIL, newPage, sendEvents } from "./client.mjs";

const HOUR = 3_600_000;

/** Polls `check` (an async truthy-or-not) every 500 ms until it answers or `ms` pass. */
async function until(what, check, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    assert.ok(Date.now() < end, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** `admin()` gives the admin's session; `shot(page, name)` saves a screenshot. */
export function priceTests(admin, shot) {
  test("prices: the admin adds a version, reprices a range and the processor runs the job; notes stay text", { timeout: 120_000 }, async () => {
    const stamp = Date.now();
    const model = `e2e-priced-${stamp}`;
    const agent = `e2e-price-agent-${stamp}`;
    const rule = `e2e-day-budget-${stamp}`;
    const from = Math.floor(stamp / HOUR) * HOUR - HOUR; // the version applies from the previous hour on
    const fromIso = new Date(from).toISOString().replace(".000Z", "Z");
    // 5 calls of 1M input tokens of a model no version prices yet: stored unpriced
    await sendEvents(5, agent, { model, input_tokens: 1_000_000, output_tokens: 0, event_time: stamp - 60_000 });
    const q = `/api/v1/events?agent=${encodeURIComponent(agent)}&from=${from}&to=${stamp + 60_000}`;
    await until("the calls in the database", async () => (await api(admin(), "GET", q)).events.length === 5);
    await api(admin(), "POST", "/api/v1/alert-rules", { id: rule, name: "E2E daily budget", kind: "budget", metric: "spend_day", budget_usd: 0.000001 });
    const page = await newPage(admin());
    try {
      await page.goto(`${BASE}/#/cost?range=1h`);
      const form = page.locator("#price-form");
      await form.waitFor({ timeout: 30_000 });
      await form.locator("input[name=model]").fill(model);
      await form.locator("input[name=effective_from]").fill(fromIso);
      await form.locator("input[name=input]").fill("2");
      await form.locator("input[name=output]").fill("4");
      await form.locator("input[name=note]").fill(`E2E ${EVIL}`);
      await form.getByRole("button", { name: "Add version" }).click();
      const row = page.locator(`#price-versions tr[data-version="${model}@${fromIso}"]`);
      await row.waitFor({ timeout: 15_000 });
      assert.equal(await row.locator(".price-note").textContent(), `E2E ${EVIL}`);
      assert.match(await row.textContent(), /in force/);
      assert.equal(await page.locator("#prices img").count(), 0, "no element was created from the note");
      await row.getByRole("button", { name: "history" }).click();
      await page.locator("#price-history-table tbody tr").first().waitFor({ timeout: 10_000 });
      assert.equal(await page.locator("#price-history-table tbody tr").count(), 1);
      // a bad range is refused naming the field (over HTTP: a 400 in the page would be a console error)
      const refused = await call(admin(), "POST", "/api/v1/reprice-jobs", { from: stamp, to: stamp - 1 });
      assert.equal(refused.status, 400);
      assert.equal((await refused.json()).error, "to: must be after from.");
      const reprice = page.locator("#reprice-form");
      await reprice.locator("input[name=from]").fill(fromIso);
      await reprice.locator("input[name=to]").fill(new Date(stamp + 60_000).toISOString());
      await reprice.locator("input[name=model]").fill(model);
      await reprice.getByRole("button", { name: "Request job" }).click();
      const note = await until("the job's number", async () => /^Job (\d+) requested\.$/.exec(await page.locator("#price-note").textContent()), 10_000);
      const job = note[1];
      await until("the processor to run the job", async () => {
        await page.locator("#reprice-refresh").click();
        await page.waitForTimeout(300);
        return (await page.locator(`#reprice-jobs tr[data-job="${job}"] .job-status`).textContent().catch(() => "")) === "done";
      }, 60_000);
      const done = await api(admin(), "GET", `/api/v1/reprice-jobs/${job}`);
      assert.equal(done.events_repriced, 5, JSON.stringify(done));
      assert.ok(Math.abs(done.delta_usd - 10) < 1e-9, JSON.stringify(done)); // 5 calls x 1M tokens x 2 USD per million
      const priced = (await api(admin(), "GET", q)).events.map((e) => e.cost_usd);
      assert.deepEqual(priced, [2, 2, 2, 2, 2]);
      // the budget panel: today's spend is far above this rule's budget
      await page.goto(`${BASE}/#/cost?range=1h`);
      const budget = page.locator(`#budget-status tr[data-rule="${rule}"] .badge`);
      await budget.waitFor({ timeout: 15_000 });
      assert.equal(await budget.textContent(), "critical");
      await page.locator(`#reprice-jobs tr[data-job="${job}"]`).waitFor({ timeout: 15_000 });
      await page.evaluate(() => document.querySelector("#reprice-jobs")?.scrollIntoView({ block: "end" })); // history, job form, jobs
      await shot(page, "prices");
    } finally {
      await page.close();
      await call(admin(), "DELETE", `/api/v1/alert-rules/${rule}`);
    }
  });
}
