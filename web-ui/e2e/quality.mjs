// The Quality view in the browser, registered by dashboard.e2e.mjs: an agent of the test sends four
// calls and two user scores through the gateway, one score naming its call by trace and span; the view
// (narrowed to that agent by ?agent=) shows their mean, rated share and distribution from the rollups,
// and the score's link opens the Events view on exactly the call it rates. The screenshot is the fleet's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { api, BASE, GATEWAY, GATEWAY_TOKEN, newPage } from "./client.mjs";

async function post(batch) {
  const headers = { "content-type": "application/json" };
  if (GATEWAY_TOKEN) headers.authorization = `Bearer ${GATEWAY_TOKEN}`;
  const res = await fetch(`${GATEWAY}/v1/events`, { method: "POST", headers, body: JSON.stringify(batch) });
  assert.ok(res.ok, `the gateway answered ${res.status}: ${await res.text()}`);
}

/** `admin()` gives the admin's session; `shot(page, name)` saves a screenshot. */
export function qualityTests(admin, shot) {
  test("quality: mean, rated share and distribution of an agent's scores; a score links to the call it rates", { timeout: 90_000 }, async () => {
    const now = Date.now();
    const agent = `e2e-quality-${now}`;
    const trace = `e2e-trace-${now}`;
    const calls = Array.from({ length: 4 }, (_, i) => ({ event_id: `${agent}-call-${i}`, event_time: now - 2_000, agent_id: agent,
      model: "e2e-model", operation: "chat", latency_ms: 300, input_tokens: 10, output_tokens: 5, status: "OK",
      trace_id: trace, span_id: `span-${i}` }));
    const scores = [{ id: "low", score: 0.15, span: "span-2" }, { id: "high", score: 0.95, span: "span-3" }].map((s) => ({
      event_id: `${agent}-score-${s.id}`, event_time: now - 1_000, agent_id: agent, kind: "FEEDBACK", feedback_score: s.score,
      trace_id: trace, span_id: s.span }));
    await post([...calls, ...scores]);
    // Rollups are live within seconds; raw events (the scores' list) as soon as the sink wrote them.
    const q = `/api/v1/quality?agent=${encodeURIComponent(agent)}&from=${now - 3_600_000}&to=${now + 60_000}`;
    const deadline = Date.now() + 45_000;
    let body;
    while (Date.now() < deadline) {
      body = await api(admin(), "GET", q);
      if (body.feedback_count === 2 && body.count === 4) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.equal(body.feedback_count, 2, "both scores are in the agent's rollups");
    assert.equal(body.rated_share, 0.5);
    assert.deepEqual(body.feedback_distribution.map((b) => b.count), [0, 1, 0, 0, 0, 0, 0, 0, 0, 1]);

    const page = await newPage(admin());
    try {
      await page.goto(`${BASE}/#/quality?range=1h&agent=${encodeURIComponent(agent)}`);
      const link = page.locator("#quality-scores a.rated-call").first();
      await link.waitFor({ timeout: 30_000 });
      assert.equal(await page.locator("[data-k=feedback-mean]").textContent(), "0.55");
      assert.equal(await page.locator("[data-k=rated-share]").textContent(), "50.0%");
      assert.equal(await page.locator("#feedback-distribution g[data-bucket='1']").getAttribute("data-count"), "1");
      assert.equal(await page.locator("#feedback-distribution g[data-bucket='9']").getAttribute("data-count"), "1");
      assert.equal(await page.locator("#quality-scores tbody tr").count(), 2);
      // The newest score first: both were sent together, so pick the 0.15 one by its row.
      const low = page.locator("#quality-scores tbody tr", { hasText: "0.15" }).locator("a.rated-call");
      await low.click();
      await page.locator("#events-table tbody a.event-link").first().waitFor({ timeout: 15_000 });
      const rated = await page.locator("#events-table tbody a.event-link").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      assert.deepEqual(rated, [`#/events/${encodeURIComponent(`${agent}-call-2`)}`], "exactly the call the score rates");
      assert.equal(await page.locator("#f-trace_id").inputValue(), trace);
      assert.equal(await page.locator("#f-span_id").inputValue(), "span-2");
      // The whole fleet for the screenshot: the demo agents score their runs, naming them by trace and span.
      await page.goto(`${BASE}/#/quality?range=1h`);
      await page.locator("#quality-scores a.rated-call").first().waitFor({ timeout: 30_000 });
      assert.notEqual(await page.locator("[data-k=feedback-mean]").textContent(), "\u2014");
      await shot(page, "quality");
    } finally {
      await page.close();
    }
  });
}
