// The Graph view in the browser, registered by dashboard.e2e.mjs: an orchestrator whose name is markup
// invokes a sub-agent (parent span in the caller, child spans in the callee, same traces) through the
// gateway; the processor's call-graph job (AGENTPULSE_AGENT_CALLS_EVERY=1s here) counts the edge; the
// Graph view shows it with the caller's name as text, and the edge's drill-down lists its calls.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BASE, EVIL, GATEWAY, GATEWAY_TOKEN, newPage, until } from "./client.mjs";

async function send(batch) {
  const headers = { "content-type": "application/json" };
  if (GATEWAY_TOKEN) headers.authorization = `Bearer ${GATEWAY_TOKEN}`;
  const res = await fetch(`${GATEWAY}/v1/events`, { method: "POST", headers, body: JSON.stringify(batch) });
  assert.ok(res.ok, `the gateway answered ${res.status}: ${await res.text()}`);
}

/** `admin()` gives the admin's session; `shot(page, name)` saves a screenshot. */
export function graphTests(admin, shot) {
  test("graph: an XSS-named caller's edge shows as text, with rate, error rate and p95, and drills down to its calls", { timeout: 120_000 }, async () => {
    const now = Date.now();
    const caller = `e2e-orch ${EVIL}`;
    const callee = `e2e-sub-${now}`;
    const n = 5;
    const span = (agent, i, extra) => ({ event_id: `e2e-graph-${agent === caller ? "p" : "c"}-${now}-${i}`, event_time: now - 20_000 + i * 1000,
      agent_id: agent, operation: "invoke_agent", model: "e2e-model", status: "OK", trace_id: `e2e-trace-${now}-${i}`, ...extra });
    // children first: the job joins them whichever side arrives first
    await send(Array.from({ length: n }, (_, i) => span(callee, i, { span_id: `c${i}`, parent_span_id: `p${i}`, latency_ms: 100 + 10 * i,
      ...(i === 0 ? { status: "ERROR", error_type: "timeout" } : {}) })));
    await send(Array.from({ length: n }, (_, i) => span(caller, i, { span_id: `p${i}`, latency_ms: 900 })));

    const q = `/api/v1/graph?from=${now - 15 * 60_000}&to=${now + 60_000}`;
    const body = await until(admin(), q, (b) => b.edges.some((e) => e.caller === caller && e.callee === callee && e.calls === n), 60_000);
    const edge = body.edges.find((e) => e.caller === caller && e.callee === callee);
    assert.equal(edge.errors, 1);
    assert.equal(edge.error_rate, 0.2);
    // DDSketch's p95 of 5 values is the 4th (rank 0.95 x 4 = 3.8, rounded down): 130 ms within 1%
    assert.ok(Math.abs(edge.p95_ms - 130) <= 1.3, `p95 ${edge.p95_ms} is 130 ms within 1%`);
    assert.ok(body.nodes.some((x) => x.agent_id === caller));

    const page = await newPage(admin());
    try {
      await page.goto(`${BASE}/#/graph?range=15m`);
      const row = page.locator("#graph-edges tbody tr", { hasText: callee }).first();
      await row.waitFor({ timeout: 30_000 });
      assert.equal(await row.locator("td").first().textContent(), caller, "the caller's name shows verbatim, as text");
      assert.ok(await page.locator("svg.graph .graph-label", { hasText: "e2e-orch" }).count() >= 1, "the node is labelled");
      assert.equal(await page.locator("#view-page img, #view-page script").count(), 0, "no element was created from a name");
      await shot(page, "graph");
      await row.locator("button.edge-calls").click();
      await page.waitForURL((u) => new URL(u).hash.includes("callee="));
      const calls = page.locator("#graph-drill tbody a.event-link");
      await calls.first().waitFor({ timeout: 15_000 });
      assert.equal(await page.locator("#graph-drill tbody tr").count(), n);
      assert.equal(await page.locator("#graph-drill .badge.ERROR").count(), 1);
      await calls.first().click();
      await page.locator("#event-detail").waitFor({ timeout: 10_000 });
      assert.equal(await page.locator('#event-detail [data-field="agent_id"]').first().textContent(), callee);
    } finally {
      await page.close();
    }
  });
}
