// First load of the overview in headless Debian chromium (playwright-core from web-ui/node_modules),
// driven by io.agentpulse.bench.history.FirstLoadBench, which starts the query API on the backfilled
// data and passes (environment): BASE_URL, ADMIN_PASSWORD, END_MS (the backfill's end: the browser's
// clock starts there, as the API's is fixed there, so "the last hour" falls on the data), RANGES
// (comma-separated hash ranges, e.g. 1h,24h), RUNS, WARMUP, TIMEOUT_MS, WEB_UI (web-ui directory),
// AGENTPULSE_CHROMIUM. Prints one JSON line "# result {...}" with, per range and measured load:
// ms from navigation start to first data (null: timed out), API requests started before it, and
// the slowest of them. "First data" is the e2e's (dashboard.e2e.mjs, figures.firstDataMs): the
// tiles req-last and cost-hour no longer show the placeholder dash, timed from just before
// page.goto to the moment the condition holds (and, for the range itself, until the trend charts
// are drawn), on a fresh browser context each (cold cache,
// signed in by its session cookie, as an operator opening the page).
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const env = (k, d) => process.env[k] || d;
const BASE = env("BASE_URL");
const END_MS = Number(env("END_MS"));
const RANGES = env("RANGES", "1h").split(",");
const RUNS = Number(env("RUNS", "10"));
const WARMUP = Number(env("WARMUP", "2"));
const TIMEOUT_MS = Number(env("TIMEOUT_MS", "10000"));
const require = createRequire(join(resolve(env("WEB_UI", "web-ui")), "package.json"));
const { chromium } = require("playwright-core");

async function login() {
  const res = await fetch(`${BASE}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password: env("ADMIN_PASSWORD") }) });
  const cookie = /ap_session=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  if (res.status !== 200 || !cookie) throw new Error(`signing in answered ${res.status}: ${await res.text()}`);
  return cookie;
}

/** The request's path with the time bounds left out (they differ on every load). */
function label(url) {
  const u = new URL(url);
  u.searchParams.delete("from");
  u.searchParams.delete("to");
  return u.pathname + (u.search ? decodeURIComponent(u.search) : "");
}

const timedOut = (e) => e?.name === "TimeoutError" || String(e).includes("Timeout");

/** ms from t0 until `cond` holds in the page, or null when it does not within TIMEOUT_MS of t0. */
async function until(page, t0, cond) {
  try {
    await page.waitForFunction(cond, null, { timeout: Math.max(1, TIMEOUT_MS - (Date.now() - t0)), polling: "raf" });
    return Date.now() - t0;
  } catch (e) {
    if (timedOut(e)) return null;
    throw e;
  }
}

/** One cold load: a new context (empty cache), the admin's cookie, the browser clock at END_MS. */
async function load(browser, cookie, range) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  try {
    await context.addCookies([{ name: "ap_session", value: cookie, url: BASE }]);
    await context.clock.install({ time: END_MS }); // flows naturally from there; Date.now of the views
    const page = await context.newPage();
    const api = new Map(); // request -> { label, start, end }
    page.on("request", (r) => { if (r.url().includes("/api/")) api.set(r, { label: label(r.url()), start: Date.now(), end: null }); });
    const done = (r) => { const a = api.get(r); if (a) a.end = Date.now(); };
    page.on("requestfinished", done);
    page.on("requestfailed", done);
    page.on("response", (res) => { const a = api.get(res.request()); if (a) a.status = res.status(); });
    const t0 = Date.now();
    // "commit": on its way, not after the load event (the figures may come before it).
    try {
      await page.goto(`${BASE}/#/overview?range=${range}`, { waitUntil: "commit", timeout: TIMEOUT_MS });
    } catch (e) {
      if (!timedOut(e)) throw e; // the waits below then time out at once: a miss
    }
    const ms = await until(page, t0, () => ["req-last", "cost-hour"].every((k) => {
      const t = document.querySelector(`[data-k="${k}"]`)?.textContent;
      return t !== undefined && t !== "\u2014";
    }));
    // The range's own figures: the trend charts are drawn once /api/v1/timeseries has answered.
    const trendsMs = await until(page, t0, () => document.querySelector("#trend-requests .uplot") !== null);
    const at = t0 + (ms ?? TIMEOUT_MS);
    const before = [...api.values()].filter((a) => a.start <= at && !a.label.startsWith("/api/v1/stream"));
    const slowest = before.map((a) => ({ label: a.label, ms: (a.end ?? at) - a.start, open: a.end === null }))
      .sort((a, b) => b.ms - a.ms)[0] ?? null;
    // Answers other than 2xx/3xx (or none) before first data: a panel that failed is not a fast one.
    const failed = before.filter((a) => a.end !== null && !(a.status < 400)).map((a) => `${a.label} ${a.status ?? "failed"}`);
    const tiles = await page.evaluate(() => ["req-last", "cost-hour"].map((k) => document.querySelector(`[data-k="${k}"]`)?.textContent));
    return { ms, trendsMs, requests: before.length, slowest, failed, tiles };
  } finally {
    await context.unrouteAll({ behavior: "ignoreErrors" });
    await context.close();
  }
}

const browser = await chromium.launch({ executablePath: env("AGENTPULSE_CHROMIUM", "/usr/bin/chromium"), headless: true,
  args: ["--no-sandbox"] });
try {
  const cookie = await login();
  const result = {};
  for (const range of RANGES) {
    result[range] = [];
    for (let i = -WARMUP; i < RUNS; i++) {
      const r = await load(browser, cookie, range);
      console.log(`${range} ${i < 0 ? "warm-up" : "load " + (i + 1)}: first data ${r.ms === null ? "timed out" : r.ms + " ms"}, trends ${r.trendsMs === null ? "timed out" : r.trendsMs + " ms"},`
        + ` ${r.requests} API requests, slowest ${r.slowest ? `${r.slowest.label} ${r.slowest.ms} ms` : "none"},`
        + ` tiles ${r.tiles.join(" / ")}${r.failed.length ? `, not OK: ${r.failed.join(", ")}` : ""}`);
      if (i >= 0) result[range].push(r);
    }
  }
  console.log(`# result ${JSON.stringify(result)}`);
} finally {
  await browser.close();
}
