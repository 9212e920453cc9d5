// The dashboard in Debian's chromium (playwright-core, headless) against a REAL query API: the
// all-in-one started by all-in-one's ITDashboardBrowser, which passes BASE_URL (query API and UI),
// GATEWAY_URL (ingest), ADMIN_PASSWORD (the first admin's), GATEWAY_TOKEN (an ingest key) and
// SCREENSHOT_DIR. Pages are signed in as the admin unless a test says otherwise; the security
// checks are in security.mjs. The timed checks run late, on a warmed-up server. By hand:
//   BASE_URL=http://127.0.0.1:8080 GATEWAY_URL=http://127.0.0.1:4318 ADMIN_PASSWORD=... node --test e2e/dashboard.e2e.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { ADMIN_PASSWORD, api, BASE, call, EVIL, login, newPage as openPage, problems, sendEvents, shared } from "./client.mjs";
import { channelTests } from "./channels.mjs";
import { hostTests } from "./hosts.mjs";
import { graphTests } from "./graph.mjs";
import { compareTests } from "./compare.mjs";
import { dimensionTests } from "./dimensions.mjs";
import { errorTests } from "./errors.mjs";
import { priceTests } from "./prices.mjs";
import { qualityTests } from "./quality.mjs";
import { budgetTests } from "./budget.mjs";
import { securityTests } from "./security.mjs";

const SHOTS = process.env.SCREENSHOT_DIR || "/tmp/agentpulse-screenshots";
const CHROMIUM = process.env.AGENTPULSE_CHROMIUM || "/usr/bin/chromium";
const FIRST_DATA_MS = Number(process.env.AGENTPULSE_E2E_FIRST_DATA_MS || 1000);
const TILE_MS = Number(process.env.AGENTPULSE_E2E_TILE_MS || 2000);
/**
 * The timing targets (1 s to first data, 2 s to a tile change) are measured and printed on every
 * run, and asserted only with AGENTPULSE_E2E_ASSERT_TIMING=true: speed targets belong to bench/
 * (house rule), and a shared 2-core machine must not turn a slow minute into a red build. The
 * figures of record are in bench/README.md ("Dashboard timings").
 */
const ASSERT_TIMING = process.env.AGENTPULSE_E2E_ASSERT_TIMING === "true";
function timingVerdict(t, ok, message) {
  t.diagnostic(`timing: ${message}${ok ? "" : " (over the target)"}`);
  console.log(`[timing] ${message}`);
  if (!ok && ASSERT_TIMING) assert.fail(message);
}
const figures = {};
/** The admin's session (AGENTPULSE_ADMIN_PASSWORD): the test's own API calls and the signed-in pages. */
let admin;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const { chromium } = await import("playwright-core");
  shared.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
  admin = await login("admin", ADMIN_PASSWORD);
});

after(async () => {
  await shared.browser?.close();
  console.log(`# figures ${JSON.stringify(figures)}`);
});

/** A page signed in as the admin. */
const newPage = (opts = {}) => openPage(admin, opts);

const shot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
const text = (page, sel) => page.locator(sel).first().textContent();

/** "950" -> 950, "1.2k" -> 1200 (the tiles' compact counts). */
function count(s) {
  const m = /([\d.]+)\s*([kMG]?)/.exec(s ?? "");
  if (!m) return NaN;
  return Number(m[1]) * ({ "": 1, k: 1e3, M: 1e6, G: 1e9 })[m[2]];
}

test("drill-down: overview -> agents -> agent -> one failing call; hostile names stay text", { timeout: 60_000 }, async () => {
  const page = await newPage();
  await page.goto(`${BASE}/#/overview?range=1h`);
  await page.locator("#nav a[aria-current=page]").waitFor({ timeout: 30_000 });
  await page.locator("#nav a[data-view=agents]").click();
  await page.locator("#agents-table tbody tr").first().waitFor();
  await page.getByLabel("Filter Agents").fill("onerror");
  const link = page.locator("#agents-table a.agent-link").first();
  assert.equal(await link.textContent(), EVIL, "the agent's name shows verbatim, as text");
  assert.equal(await page.locator("#agents-table img, #view-page img").count(), 0, "no <img> was created from a name");
  await shot(page, "agents");
  await link.click();
  await page.locator("#agent-errors tbody a.event-link").first().waitFor({ timeout: 10_000 });
  assert.match(await text(page, ".view-title"), /onerror/);
  await page.locator("#agent-models tbody tr").first().waitFor();
  await shot(page, "agent");
  await page.locator("#agent-errors tbody a.event-link").first().click();
  await page.locator("#event-detail").waitFor();
  assert.equal(await text(page, '#event-detail [data-field="status"]'), "ERROR");
  assert.equal(await text(page, '#event-detail [data-field="error_type"]'), "<script>alert(2)</script>");
  assert.equal(await text(page, '#event-detail [data-field="agent_id"]'), EVIL);
  assert.equal(await page.locator("#view-page img, #view-page script").count(), 0);
  await shot(page, "event");
  await page.close();
});

test("every view renders with data; screenshots", { timeout: 90_000 }, async () => {
  const page = await newPage();
  for (const [view, ready] of [["models", "#models-table tbody tr"], ["cost", "#cost-agents tbody tr"],
    ["quality", "[data-k=availability]"], ["events", "#events-table tbody a.event-link"], ["alerts", "main > section.alerts h3"]]) {
    await page.goto(`${BASE}/#/${view}?range=1h`);
    await page.locator(ready).first().waitFor({ timeout: 15_000 });
    assert.equal(await page.locator("#view-problem").isVisible(), false, `${view}: ${await text(page, "#view-problem")}`);
    await shot(page, view);
  }
  // Filters live in the URL: a link reproduces the view.
  await page.goto(`${BASE}/#/events?range=1h&status=error&min_latency_ms=0`);
  await page.waitForFunction(() => document.querySelector("#f-status")?.value === "error", null, { timeout: 15_000 });
  await page.locator("#events-table tbody tr").first().waitFor();
  const statuses = await page.locator("#events-table tbody .badge").allTextContents();
  assert.ok(statuses.length > 0 && statuses.every((s) => s === "ERROR"), statuses.join(","));
  await page.close();
});

test("CSV export equals the API's data", { timeout: 60_000 }, async () => {
  const page = await newPage();
  // A closed range in the past, so the API's answer cannot move between the two reads.
  const to = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
  const from = to - 30 * 60_000;
  await page.goto(`${BASE}/#/agents?range=custom&from=${from}&to=${to}`);
  await page.locator("#agents-table tbody tr").first().waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-export="agents-table"]').click()]);
  const csv = readFileSync(await download.path(), "utf8").trim().split("\r\n");
  const apiUrl = new URL(download.url());
  assert.equal(apiUrl.searchParams.get("from"), String(from));
  apiUrl.searchParams.delete("format");
  const api = await (await call(admin, "GET", apiUrl.toString())).json();
  const header = csv[0].split(",");
  const col = (name) => header.indexOf(name);
  assert.equal(csv.length - 1, api.agents.length, "one CSV row per API row");
  api.agents.forEach((a, i) => {
    const cells = parseCsvLine(csv[i + 1]);
    assert.equal(cells[col("agent_id")], a.agent_id.startsWith("=") ? `'${a.agent_id}` : a.agent_id);
    assert.equal(Number(cells[col("count")]), a.count);
    assert.equal(Number(cells[col("errors")]), a.errors);
    assert.equal(Number(cells[col("cost_usd")]), a.cost_usd);
  });
  figures.csvRows = api.agents.length;
  await page.close();
});

function parseCsvLine(line) {
  const out = [];
  let cur = "", quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') quoted = false; else cur += c;
    } else if (c === '"') quoted = true; else if (c === ",") { out.push(cur); cur = ""; } else cur += c;
  }
  out.push(cur);
  return out;
}

test("the operator's layout is saved on the server and applied on the next visit", { timeout: 60_000 }, async () => {
  const page = await newPage();
  await page.goto(`${BASE}/#/overview`);
  await page.locator("#nav a[aria-current=page]").waitFor({ timeout: 30_000 }); // the views have started
  await page.locator("#customise").click();
  await page.locator("#layout-editor").waitFor();
  await page.getByRole("button", { name: "Move Live figures up" }).click();
  await page.locator('#layout-editor input[data-show="charts"]').uncheck();
  await shot(page, "customise");
  await page.locator("#layout-save").click();
  await page.getByText("Saved for admin.").waitFor();
  const saved = await api(admin, "GET", "/api/v1/layouts/admin");
  assert.deepEqual(saved.layout.panels.slice(0, 2), ["tiles", "health"]);
  await page.reload();
  await page.waitForFunction(() => document.querySelector('[data-panel="charts"]')?.hidden === true, null, { timeout: 10_000 });
  const order = await page.evaluate(() => getComputedStyle(document.querySelector('[data-panel="tiles"]')).order);
  assert.equal(order, "0");
  // Put it back for the screenshots of later runs.
  await api(admin, "PUT", "/api/v1/layouts/admin", { panels: ["health", "tiles", "alerts", "trends", "charts"], hidden: [] });
  await page.close();
});

test("keyboard, tablet width, dark theme, compare overlay", { timeout: 60_000 }, async () => {
  const page = await newPage({ viewport: { width: 768, height: 1024 }, colorScheme: "dark" });
  await page.goto(`${BASE}/#/overview?range=6h&compare=1`);
  await page.locator("#trends .uplot").first().waitFor({ timeout: 15_000 });
  const { scroll, client, bg } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth, bg: getComputedStyle(document.body).backgroundColor }));
  assert.ok(scroll <= client, `page scrolls sideways at 768 px: ${scroll} > ${client}`);
  assert.equal(bg, "rgb(13, 17, 23)");
  await page.waitForFunction(() => document.querySelector("#trend-requests .u-legend")?.textContent?.includes("previous period"), null, { timeout: 10_000 });
  await shot(page, "overview-tablet-dark");
  // Keyboard: Tab reaches the navigation and Enter follows it.
  await page.keyboard.press("Tab");
  let reached = false;
  for (let i = 0; i < 10 && !reached; i++) {
    reached = await page.evaluate(() => document.activeElement?.getAttribute("data-view") === "agents");
    if (!reached) await page.keyboard.press("Tab");
  }
  assert.ok(reached, "Tab reaches the Agents link");
  await page.keyboard.press("Enter");
  await page.locator("#agents-table").waitFor();
  await page.close();
});

test("overview shows data within 1 s of navigation", { timeout: 90_000 }, async (t) => {
  const warm = await newPage();
  await warm.goto(BASE);
  await warm.waitForFunction(() => document.querySelector('[data-k="cost-hour"]')?.textContent !== "\u2014", null, { timeout: 20_000 });
  await warm.close();
  // Three fresh page loads (a new page each: no cache of the API); the median must be within 1 s.
  const times = [];
  let page;
  for (let i = 0; i < 3; i++) {
    await page?.close();
    page = await newPage();
    const t0 = Date.now();
    await page.goto(`${BASE}/#/overview?range=1h`);
    await page.waitForFunction(() => ["req-last", "cost-hour"].every((k) => document.querySelector(`[data-k="${k}"]`)?.textContent !== "\u2014"),
      null, { timeout: 10_000 });
    times.push(Date.now() - t0);
  }
  figures.firstDataMs = times;
  const median = times.slice().sort((a, b) => a - b)[1];
  timingVerdict(t, median <= FIRST_DATA_MS, `first data after ${times.join(", ")} ms (median limit ${FIRST_DATA_MS} ms)`);
  await page.locator("#link[data-state=live]").waitFor({ timeout: 10_000 });
  await page.locator('[data-k="health"] .badge').waitFor({ timeout: 10_000 });
  await page.locator("#trends .uplot").first().waitFor({ timeout: 10_000 });
  await shot(page, "overview");
  await page.close();
});

test("a tile changes within 2 s of events the test sends", { timeout: 120_000 }, async (t) => {
  const page = await newPage();
  await page.goto(`${BASE}/#/overview`);
  await page.locator("#link[data-state=live]").waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => document.querySelector('[data-k="req-now"]')?.textContent !== "\u2014", null, { timeout: 10_000 });
  // The demo fleet makes about 60 calls a minute; 500 at once can only be ours. The current
  // minute must not already hold a burst (a rerun against the same server), nor the last one
  // unless its tile changes.
  const n = 500;
  await page.waitForFunction((min) => {
    const m = /([\d.]+)\s*([kMG]?)/.exec(document.querySelector('[data-k="req-now"]')?.textContent ?? "");
    return m !== null && Number(m[1]) * ({ "": 1, k: 1e3, M: 1e6, G: 1e9 })[m[2]] < min / 2;
  }, n, { timeout: 65_000 });
  const lastBefore = await text(page, '[data-k="req-last"]');
  await sendEvents(n, "e2e-burst");
  const sent = Date.now();
  await page.waitForFunction(([min, last]) => ["req-now", "req-last"].some((k) => {
    const s = document.querySelector(`[data-k="${k}"]`)?.textContent ?? "";
    const m = /([\d.]+)\s*([kMG]?)/.exec(s);
    return m !== null && Number(m[1]) * ({ "": 1, k: 1e3, M: 1e6, G: 1e9 })[m[2]] >= min && (k === "req-now" || s !== last);
  }), [n, lastBefore], { timeout: 15_000, polling: 50 });
  figures.tileUpdateMs = Date.now() - sent;
  timingVerdict(t, figures.tileUpdateMs <= TILE_MS, `tile changed ${figures.tileUpdateMs} ms after the events were accepted (limit ${TILE_MS} ms)`);
  assert.ok(count(await text(page, '[data-k="req-now"]')) >= n || count(await text(page, '[data-k="req-last"]')) >= n);
  await page.close();
});

test("alerts: a hostile rule summary is text, a viewer gets no controls, the admin acknowledges", { timeout: 120_000 }, async () => {
  // A rule that fires at once for one agent of the test (p95 above 1 ms, no "for"), then its calls.
  // Its name and summary are markup: stored XSS through alert rules must show as text.
  const rule = { id: "e2e-latency", name: `E2E ${EVIL}`, metric: "latency_p95", group: "agent", selector: { agent: "e2e-alert" },
    comparator: ">", warning: 1, critical: 2, min_samples: 1, range: "PT1M", for: "PT0S", keep_firing_for: "PT10M",
    summary: `${EVIL} {{agent}}: p95 {{value}} ms` };
  await api(admin, "POST", "/api/v1/alert-rules", rule);
  const fire = setInterval(() => { void sendEvents(20, "e2e-alert").catch(() => {}); }, 2000);
  const viewer = { username: `e2e-viewer-${Date.now()}`, password: "viewer-password-e2e" };
  await api(admin, "POST", "/api/v1/admin/users", { ...viewer, role: "viewer" });
  const page = await newPage();
  let seen;
  try {
    await page.goto(`${BASE}/#/overview`);
    await page.locator("#nav a[aria-current=page]").waitFor({ timeout: 30_000 });
    // This test's alert (others may fire too, e.g. from an earlier run against the same server).
    const item = page.locator("#alerts-list li").filter({ hasText: `E2E ${EVIL}` }).first();
    const ack = item.locator("button.ack");
    await ack.waitFor({ timeout: 60_000 });
    const fp = await item.getAttribute("data-fingerprint");
    assert.equal(await item.locator("strong").textContent(), `E2E ${EVIL}`);
    assert.match(await item.locator(".sub").textContent(), /^<img src=x onerror=alert\(1\)> e2e-alert: p95/);
    assert.equal(await page.locator("#alerts-list img").count(), 0, "no element was created from the rule");
    // The same alert for a viewer: listed, but nothing to press (the server would refuse it anyway).
    seen = await openPage(await login(viewer.username, viewer.password));
    await seen.goto(`${BASE}/#/overview`);
    await seen.locator(`#alerts-list li[data-fingerprint="${fp}"]`).waitFor({ timeout: 30_000 });
    assert.equal(await seen.locator("#alerts-list button").count(), 0);
    assert.equal(await seen.locator("#customise").isVisible(), false);
    assert.equal(await seen.locator('#nav a[data-view="admin"]').isVisible(), false);
    assert.equal(await seen.locator("#user-role").textContent(), "viewer");
    await seen.goto(`${BASE}/#/alerts`);
    await seen.locator("main > section.alerts td").first().waitFor({ timeout: 15_000 });
    assert.deepEqual(await seen.locator("main > section.alerts button").allTextContents(), []);
    await shot(seen, "viewer-alerts");
    await ack.click();
    await page.locator(`#alerts-list li[data-fingerprint="${fp}"] .acked`).waitFor({ timeout: 10_000 });
    const active = await api(admin, "GET", "/api/v1/alerts");
    assert.ok(JSON.stringify(active).includes(fp), "the acknowledged alert is still listed by the API");
    await shot(page, "alert-acknowledged");
  } finally {
    clearInterval(fire);
    await page.close();
    await seen?.close();
    await call(admin, "DELETE", "/api/v1/alert-rules/e2e-latency");
  }
});

securityTests(() => admin, shot);
channelTests(() => admin, shot);
hostTests(() => admin, shot);
graphTests(() => admin, shot);
compareTests(() => admin, shot);
errorTests(() => admin, shot);
priceTests(() => admin, shot);
qualityTests(() => admin, shot);
budgetTests(() => admin, shot);
dimensionTests(() => admin, shot);

test("no page errors, console errors, CSP violations or dialogs on any view", () => {
  assert.deepEqual(problems, []);
});
