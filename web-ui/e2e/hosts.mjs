// The Hosts view in the browser, registered by dashboard.e2e.mjs: heartbeats of a host whose name is
// markup go through the gateway, the processor's host job rolls them up, and the Hosts view shows the
// host (as text, "hot"), its agent and its CPU and memory charts; a host CPU rule made through the API
// fires for it; a demo agent's page shows its host panel from the same rollups.
import { test } from "node:test";
import assert from "node:assert/strict";
import { api, BASE, call, EVIL, GATEWAY, GATEWAY_TOKEN, newPage } from "./client.mjs";

/** Heartbeats straight into the gateway, one every 5 s up to now, for `host` (attribute host.name). */
async function heartbeats(agent, host, cpu, n = 6) {
  const now = Date.now();
  const batch = Array.from({ length: n }, (_, i) => ({
    event_id: `e2e-hb-${agent}-${now}-${i}`, event_time: now - (n - 1 - i) * 5_000, agent_id: agent, kind: "HEARTBEAT",
    host_cpu: cpu, host_memory_bytes: 3 * 2 ** 30 + i * 2 ** 20, attributes: { "host.name": host },
  }));
  const headers = { "content-type": "application/json" };
  if (GATEWAY_TOKEN) headers.authorization = `Bearer ${GATEWAY_TOKEN}`;
  const res = await fetch(`${GATEWAY}/v1/events`, { method: "POST", headers, body: JSON.stringify(batch) });
  assert.ok(res.ok, `the gateway answered ${res.status}: ${await res.text()}`);
}

/** Polls `check` (an async predicate) every second until it holds or `ms` passed. */
async function until(what, ms, check) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) assert.fail(`${what} did not happen within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** `admin()` gives the admin's session; `shot(page, name)` saves a screenshot. */
export function hostTests(admin, shot) {
  test("hosts: a hot host with a hostile name shows in the Hosts view as text, with charts, and its CPU rule fires", { timeout: 180_000 }, async () => {
    const host = `e2e-${EVIL}`;
    const agent = `e2e-hb-agent-${Date.now()}`;
    const ruleId = `e2e-host-cpu-${Date.now()}`;
    await api(admin(), "POST", "/api/v1/alert-rules", { id: ruleId, name: "E2E host CPU", metric: "host_cpu_max", group: "host",
      comparator: ">", critical: 0.9, range: "PT5M", selector: { host: "e2e-*" } });
    const page = await newPage(admin());
    try {
      await heartbeats(agent, host, 0.97);
      const q = `/api/v1/hosts?host=${encodeURIComponent(host)}`;
      const row = await until("the host rollup of the heartbeats", 120_000,
        async () => (await api(admin(), "GET", q)).hosts.find((h) => h.host === host));
      assert.equal(row.status, "hot");
      assert.deepEqual(row.agents, [agent]);
      assert.equal(row.cpu_max, 0.97);
      const csv = await (await call(admin(), "GET", `${q}&format=csv`)).text();
      assert.match(csv.split("\r\n")[0], /^host,status,last_seen/);
      assert.ok(csv.includes(host), "the CSV has the host");

      await page.goto(`${BASE}/#/hosts?range=1h`);
      const link = page.locator("#hosts-table a.host-link", { hasText: "e2e-" }).first();
      await link.waitFor({ timeout: 30_000 });
      assert.equal(await link.textContent(), host, "the host's name shows verbatim, as text");
      assert.equal(await page.locator("#view-page img").count(), 0, "no <img> was created from a name");
      const tr = page.locator("#hosts-table tbody tr", { has: page.locator("a.host-link", { hasText: "e2e-" }) }).first();
      assert.equal(await tr.locator(".badge").textContent(), "hot");
      await page.locator(".host-charts .uplot").first().waitFor({ timeout: 10_000 });
      await shot(page, "hosts");
      await link.click();
      await page.waitForURL((u) => new URL(u).hash.includes("host="));
      await page.locator(".host-charts .uplot").first().waitFor({ timeout: 10_000 });
      assert.match(await page.locator(".view-head .sub").textContent(), /e2e-<img/);

      const firing = await until("the host CPU alert", 90_000, async () => (await api(admin(), "GET", "/api/v1/alerts")).firing
        .find((a) => a.rule_id === ruleId));
      assert.equal(JSON.stringify(firing).includes("e2e-<img"), true, "the alert names the host");
    } finally {
      await page.close();
      await call(admin(), "DELETE", `/api/v1/alert-rules/${ruleId}`);
    }
  });

  test("hosts: a demo agent's page shows its host from the host rollups", { timeout: 120_000 }, async () => {
    const demo = await until("a demo host", 90_000, async () => (await api(admin(), "GET", "/api/v1/hosts")).hosts
      .find((h) => h.host.startsWith("demo-node-")));
    const page = await newPage(admin());
    try {
      await page.goto(`${BASE}/#/agents/${encodeURIComponent(demo.agents[0])}?range=1h`);
      await page.locator(".host-panel .uplot").first().waitFor({ timeout: 30_000 });
    } finally {
      await page.close();
    }
  });
}
