// The dimension filter and the Dimensions view in the browser, registered by dashboard.e2e.mjs. The test
// sends calls of its own with a new environment and two new teams (the attribute team, a custom dimension
// of the all-in-one; one team is markup with a '|', which the slice's group key escapes), then filters
// the overview through the header's picker: by the environment (8 calls, 2 failed: 25%), by the markup
// team (5 calls, 2 failed: 40%); the live tiles and the stream follow. The Events list and the Dimensions
// view narrow too, values stay text, and a view the rollups cannot slice says so and clears the filter.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BASE, EVIL, expectedFailures, newPage, sendEvents, until } from "./client.mjs";

export function dimensionTests(admin, shot) {
  test("dimensions: the overview filtered by environment and by team, the stream follows, values as text", { timeout: 120_000 }, async () => {
    const stamp = Date.now();
    const env = `e2e-env-${stamp}`;
    const team = `${EVIL}|${stamp}`;
    const other = `e2e-team-${stamp}`;
    const agent = `dim-e2e-${stamp}`;
    const calls = [...Array(2).fill({ team, status: "ERROR", error_type: "Timeout" }), ...Array(3).fill({ team }), ...Array(3).fill({ team: other })];
    for (const [i, { team: t, ...rest }] of calls.entries()) {
      await sendEvents(1, agent, { event_id: `e2e-dim-${stamp}-${i}`, environment: env, attributes: { team: t }, ...rest });
    }
    const q = (d, v) => `${d}=${encodeURIComponent(v)}`;
    await until(admin(), `/api/v1/summary?${q("environment", env)}`, (b) => b.count === 8);
    await until(admin(), `/api/v1/summary?${q("team", team)}`, (b) => b.count === 5 && b.errors === 2);
    await until(admin(), "/api/v1/dimensions", (b) => b.dimensions.some((d) => d.name === "team" && d.values.includes(team)));

    const page = await newPage(admin());
    const grps = [];
    page.on("request", (r) => { if (r.url().includes("/api/v1/stream?")) grps.push(new URL(r.url()).searchParams.getAll("grp").join(",")); });
    const errHour = () => page.locator('[data-k="err-hour"]').textContent();
    try {
      await page.goto(`${BASE}/#/overview?range=1h`);
      await page.locator("#slice-picker").waitFor({ timeout: 30_000 });
      await page.waitForFunction(() => /\d/.test(document.querySelector('[data-k="err-hour"]')?.textContent ?? ""), null, { timeout: 15_000 });
      await page.locator("#slice-dim").selectOption("environment");
      await page.locator("#slice-value").selectOption(env);
      await page.waitForFunction(() => document.querySelector('[data-k="err-hour"]')?.textContent === "25.0%", null, { timeout: 15_000 })
        .catch(async (e) => { throw new Error(`${e.message}; tile ${await errHour()} at ${page.url()}; problem ${await page.locator("#problem").textContent()}; chip ${await page.locator("#slice-text").textContent()}; streams ${grps.join(" ; ")}`); });
      assert.equal(await page.locator("#slice-text").textContent(), `environment = ${env}`);
      await page.locator('[data-k="health"] .badge').waitFor();
      await page.waitForFunction(() => document.querySelector("#health .sub")?.textContent?.includes("errors 25.0%"), null, { timeout: 15_000 });

      await page.locator("#slice-dim").selectOption("team");
      await page.locator("#slice-value").selectOption(team);
      await page.waitForFunction(() => document.querySelector('[data-k="err-hour"]')?.textContent === "40.0%", null, { timeout: 15_000 });
      assert.equal(await page.locator("#slice-text").textContent(), `team = ${team}`);
      assert.ok(grps.includes(`all@team=${EVIL}%7C${stamp},model@team=${EVIL}%7C${stamp}`), `the stream follows the filter: ${grps.join(" ; ")}`);
      assert.equal(await page.locator("img").count(), 0, "no element was made from a value");

      // The Events list narrows to the slice: the team's five calls.
      await page.goto(`${BASE}/#/events?range=1h&slice=${encodeURIComponent(`team:${team}`)}`);
      await page.locator("#events-table tbody a.event-link").first().waitFor({ timeout: 15_000 });
      assert.equal(await page.locator("#events-table tbody tr").count(), 5);

      // The Dimensions view (the nav link keeps the filter): the team's values, the chosen one pressed.
      await page.locator('#nav a[data-view="dimensions"]').click();
      await page.locator("#dimension-pick").selectOption("team");
      await page.getByRole("heading", { name: "Values of team" }).waitFor({ timeout: 15_000 });
      await page.locator("#range").selectOption("15m"); // a new range keeps the filter (and the chart shows the test's minutes)
      await page.waitForURL(/range=15m.*slice=team/);
      const chosen = page.locator('#dimension-values button.dim-value[aria-pressed="true"]');
      await chosen.waitFor({ timeout: 15_000 });
      assert.equal(await chosen.textContent(), team);
      await page.locator("#dimension-chart .uplot").waitFor({ timeout: 15_000 });
      assert.equal(await page.locator("#view-page img").count(), 0);
      await shot(page, "dimensions");
      await page.locator("#dimension-values button.dim-value").filter({ hasText: other }).click();
      await page.waitForFunction((o) => document.querySelector("#slice-text")?.textContent === `team = ${o}`, other, { timeout: 10_000 });

      // Agent and model pinned besides a slice: the rollups cannot answer (400 unsupported-slice); the view says so.
      expectedFailures.push((m) => m.text().includes("status of 400") && /\/api\/v1\/errors\?.*model=e2e-model/.test(m.location()?.url ?? ""));
      await page.goto(`${BASE}/#/errors?range=1h&agent=${agent}&model=e2e-model&slice=${encodeURIComponent(`team:${other}`)}`);
      const problem = page.locator("#view-problem");
      await problem.getByRole("button", { name: "Clear the filter" }).waitFor({ timeout: 15_000 });
      assert.match(await problem.textContent(), /cannot be filtered by team/);
      await problem.getByRole("button", { name: "Clear the filter" }).click();
      await page.locator("#errors-types").waitFor({ timeout: 15_000 });
      assert.equal(await page.locator("#slice-chip").isVisible(), false);
      assert.equal(await problem.isVisible(), false);
    } finally {
      await page.close();
    }
  });
}
