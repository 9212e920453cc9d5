// The Errors view in the browser, registered by dashboard.e2e.mjs: the test sends failed calls of its
// own agent (a markup name) with three error types (one of them markup too, one missing), waits for
// the rollups to count them by type, then checks the view: the types table, counts and shares, every
// name shown as text, and a type's link opening the Events view on exactly its failed calls.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BASE, newPage, sendEvents, until } from "./client.mjs";

const MIN = 60_000;

/** `admin()` gives the admin's session; `shot(page, name)` saves a screenshot. */
export function errorTests(admin, shot) {
  test("errors: failed calls by type over the range, names as text, a type links to its calls", { timeout: 120_000 }, async () => {
    const to = Math.floor(Date.now() / MIN) * MIN;
    const from = to - 10 * MIN;
    const agent = `<b>err-${to}</b>`;
    const evilType = "<img src=x onerror=alert(2)>RateLimit";
    const at = to - 5 * MIN;
    // one call per request, each with its own id (a batch's ids differ only by index, two batches' could meet)
    const calls = [...Array(3).fill({ status: "ERROR", error_type: evilType }), ...Array(2).fill({ status: "ERROR", error_type: "Timeout" }),
      { status: "ERROR" }, ...Array(4).fill({})];
    for (const [i, extra] of calls.entries()) {
      await sendEvents(1, agent, { event_id: `e2e-err-${to}-${i}`, event_time: at + i * 1000, ...extra });
    }
    await sendEvents(1, agent, { event_id: `e2e-err-now-${to}` }); // moves event time on: the windows above close
    const q = `from=${from}&to=${to}&agent=${encodeURIComponent(agent)}`;
    const body = await until(admin(), `/api/v1/errors?${q}`, (b) => b.errors === 6 && b.calls === 10); // the OK calls may land later
    assert.deepEqual(body.types.map((r) => [r.error_type, r.errors]), [[evilType, 3], ["Timeout", 2], ["_none", 1]]);
    assert.equal(body.calls, 10);
    assert.equal(body.types[0].rate, 0.3);
    assert.equal(body.types[0].share, 0.5);

    const page = await newPage(admin());
    try {
      await page.goto(`${BASE}/#/errors?range=custom&from=${from}&to=${to}&agent=${encodeURIComponent(agent)}`);
      const first = page.locator("#errors-types tbody tr").first();
      await first.waitFor({ timeout: 15_000 });
      assert.equal(await page.locator("#errors-types tbody tr").count(), 3);
      assert.equal(await first.locator("a.type-link").textContent(), evilType, "the type is text");
      assert.equal(await page.locator("#view-page img, #view-page b").count(), 0, "no element was made from agent data");
      assert.equal(await page.locator('.tiles [data-k="errors"]').textContent(), "6");
      await shot(page, "errors");
      await first.locator("a.type-link").click();
      await page.waitForURL(/#\/events\?/);
      await page.locator("#events-table tbody tr").first().waitFor({ timeout: 15_000 });
      assert.equal(await page.locator("#events-table tbody tr").count(), 3, "exactly the calls of that type");
      const cells = await page.locator("#events-table tbody tr td:last-child").allTextContents();
      assert.deepEqual([...new Set(cells)], [evilType]);
    } finally {
      await page.close();
    }
  });
}
