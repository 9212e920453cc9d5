// Compare with the previous period in the browser, registered by dashboard.e2e.mjs: the test sends
// calls of its own agent (a markup name) into the previous and the current 20 minutes, then with the
// compare toggle on, every view shows the change: the Cost view's table a red "▲ 500%" with the
// absolute change in its title and the previous days as a line, the Agents and Models tables their
// change columns, the Quality tiles their change lines; the CSV export has previous_/delta_ columns.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BASE, call, newPage, sendEvents, until } from "./client.mjs";

const MIN = 60_000;

/** `admin()` gives the admin's session; `shot(page, name)` saves a screenshot. */
export function compareTests(admin, shot) {
  test("compare: every view shows the change against the previous period; CSV has the columns", { timeout: 120_000 }, async () => {
    const to = Math.floor(Date.now() / MIN) * MIN;
    const from = to - 20 * MIN;
    const agent = `<i>cmp-${to}</i>`;
    // previous period [to-40m, to-20m): 4 calls at $0.01; this period: 8 calls at $0.03, one failing
    await sendEvents(4, agent, { event_time: to - 30 * MIN, cost_usd: 0.01 });
    await sendEvents(7, agent, { event_time: to - 10 * MIN, cost_usd: 0.03 });
    await sendEvents(1, `${agent}`, { event_id: `e2e-cmp-err-${to}`, event_time: to - 9 * MIN, cost_usd: 0.03, status: "ERROR", error_type: "e2e" });
    // One call now (after the range): it moves the agent's partition's event time on, so the processor
    // closes and writes the windows above (a partition's windows close on its own event time).
    await sendEvents(1, agent, { event_id: `e2e-cmp-now-${to}`, cost_usd: 0 });
    const range = `from=${from}&to=${to}&compare=previous`;
    const cost = await until(admin(), `/api/v1/cost?${range}`, (b) => b.by_agent.some((r) => r.agent_id === agent
      && r.count === 8 && r.previous_count === 4));
    const row = cost.by_agent.find((r) => r.agent_id === agent);
    assert.ok(Math.abs(row.delta_pct_cost_usd - 5) < 1e-9, JSON.stringify(row));
    assert.ok(Math.abs(row.delta_cost_usd - 0.2) < 1e-9);

    const page = await newPage(admin());
    try {
      const hash = `range=custom&from=${from}&to=${to}&compare=1`;
      await page.goto(`${BASE}/#/cost?${hash}`);
      await page.getByLabel("Filter Cost by agent").fill(`cmp-${to}`);
      const cell = page.locator('#cost-agents tbody tr [data-change="cost_usd"]').first();
      await cell.waitFor({ timeout: 15_000 });
      assert.equal(await page.locator("#cost-agents tbody a, #cost-agents tbody td").first().textContent(), agent, "the name is text");
      assert.equal(await page.locator("#view-page i, #view-page img").count(), 0, "no element was made from the name");
      assert.equal(await cell.textContent(), "\u25B2 500%");
      assert.equal(await cell.getAttribute("class"), "change bad");
      assert.equal(await cell.getAttribute("title"), "change +$0.200 (previous period $0.040)");
      assert.ok((await page.locator("#cost-agents thead").textContent()).includes("\u0394 Cost"));
      // A 20-minute range is under a day: no day pairs with one a period earlier, so no mark is drawn.
      assert.equal(await page.locator("svg.stack .previous-line").count(), 0);
      assert.equal(await page.locator(".tiles [data-change=total_usd]").count(), 1);
      await shot(page, "compare-cost");

      // The CSV export of the same table carries the comparison columns.
      const href = await page.locator('[data-export="cost-agents"]').getAttribute("href");
      assert.match(href, /compare=previous/);
      const csv = (await (await call(admin(), "GET", href)).text()).trim().split("\r\n");
      const header = csv[0].split(",");
      for (const c of ["cost_usd", "previous_cost_usd", "delta_cost_usd", "delta_pct_cost_usd"]) assert.ok(header.includes(c), c);

      await page.goto(`${BASE}/#/agents?${hash}`);
      await page.getByLabel("Filter Agents").fill(`cmp-${to}`);
      const calls = page.locator('#agents-table tbody tr [data-change="count"]').first();
      await calls.waitFor({ timeout: 15_000 });
      assert.equal(await calls.textContent(), "\u25B2 100%");
      assert.equal(await calls.getAttribute("class"), "change flat", "more calls is neither good nor bad");

      await page.goto(`${BASE}/#/models?${hash}`);
      await page.locator('#models-table tbody [data-change="count"]').first().waitFor({ timeout: 15_000 });
      assert.ok((await page.locator("#models-table thead").textContent()).includes("\u0394 p95"));

      await page.goto(`${BASE}/#/quality?${hash}`);
      await page.locator(".tiles [data-change=availability]").waitFor({ timeout: 15_000 });
      await page.waitForFunction(() => [...document.querySelectorAll(".u-legend")].some((l) => l.textContent?.includes("previous period")),
        null, { timeout: 10_000 });

      // Compare off: no change columns.
      await page.goto(`${BASE}/#/cost?range=custom&from=${from}&to=${to}`);
      await page.locator("#cost-agents tbody tr").first().waitFor({ timeout: 15_000 });
      assert.equal(await page.locator("[data-change]").count(), 0);
    } finally {
      await page.close();
    }
  });
}
