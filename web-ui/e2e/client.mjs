// What the browser tests share against the real all-in-one: its URLs, a signed-in HTTP client for
// the test's own API calls (session cookie + X-CSRF-Token, docs/SECURITY.md), and pages that are
// signed in (the session cookie set in a fresh browser context) or not.
import assert from "node:assert/strict";
import { expected401 } from "../test-browser/harness.mjs";

export const BASE = process.env.BASE_URL;
export const GATEWAY = process.env.GATEWAY_URL;
/** The first admin's password, AGENTPULSE_ADMIN_PASSWORD of the all-in-one the IT started. */
export const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD;
/** An ingest key for the gateway (the IT has it adopted with AGENTPULSE_BOOTSTRAP_INGEST_KEY); none: no header. */
export const GATEWAY_TOKEN = process.env.GATEWAY_TOKEN || "";
export const EVIL = "<img src=x onerror=alert(1)>";
if (!BASE || !GATEWAY || !ADMIN_PASSWORD) throw new Error("Set BASE_URL, GATEWAY_URL and ADMIN_PASSWORD (all-in-one's ITDashboardBrowser does).");

/** Everything wrong any page showed: page errors, console errors, CSP violations, dialogs. */
export const problems = [];
/** Failed loads a test provokes on purpose (predicates of a console message), e.g. a 400 the page must explain. */
export const expectedFailures = [];
export const shared = { browser: null };

/** Signs in over HTTP; the session's cookie and csrf for later calls. */
export async function login(username, password) {
  const res = await fetch(`${BASE}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }) });
  const text = await res.text();
  assert.equal(res.status, 200, `signing in as ${username} answered ${res.status}: ${text}`);
  const body = JSON.parse(text);
  const cookie = /ap_session=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  assert.ok(cookie, "the login answer sets ap_session");
  return { ...body, cookie };
}

/** An API call as `session` (GET: no body); writes carry the CSRF token. */
export function call(session, method, path, body) {
  const headers = { cookie: `ap_session=${session.cookie}`, accept: "application/json" };
  if (method !== "GET") headers["x-csrf-token"] = session.csrf;
  if (body !== undefined) headers["content-type"] = "application/json";
  return fetch(path.startsWith("http") ? path : `${BASE}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** `call`, asserting a 2xx answer; the body as JSON (or null when empty). */
export async function api(session, method, path, body) {
  const res = await call(session, method, path, body);
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path} answered ${res.status}: ${text}`);
  return text === "" ? null : JSON.parse(text);
}

/**
 * A new page in a fresh context, watched for problems; signed in as `session` (its cookie) unless
 * null. CSP violations are reported by the page itself as console errors (init script).
 */
export async function newPage(session, opts = {}) {
  const context = await shared.browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true, ...opts });
  if (session) await context.addCookies([{ name: "ap_session", value: session.cookie, url: BASE }]);
  await context.addInitScript(() => document.addEventListener("securitypolicyviolation",
    (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`)));
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !expected401(m) && !expectedFailures.some((f) => f(m))) problems.push(`console (${m.location()?.url ?? ""}): ${m.text()}`);
  });
  page.on("dialog", (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
  page.on("close", () => { context.close().catch(() => {}); }); // the browser may already be closing
  return page;
}

/** Signs in through the login form (the page must show it). */
export async function signInForm(page, username, password) {
  await page.locator("#login-form").waitFor({ timeout: 30_000 });
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Events straight into the gateway (with the ingest key when there is one). */
export async function sendEvents(n, agent, extra = {}) {
  const now = Date.now();
  const batch = Array.from({ length: n }, (_, i) => ({
    event_id: `e2e-${agent}-${now}-${i}`, event_time: now, agent_id: agent, model: "e2e-model", operation: "chat",
    latency_ms: 200 + (i % 50), input_tokens: 10, output_tokens: 5, status: "OK", ...extra,
  }));
  const headers = { "content-type": "application/json" };
  if (GATEWAY_TOKEN) headers.authorization = `Bearer ${GATEWAY_TOKEN}`;
  const res = await fetch(`${GATEWAY}/v1/events`, { method: "POST", headers, body: JSON.stringify(batch) });
  assert.ok(res.ok, `the gateway answered ${res.status}: ${await res.text()}`);
}

/** Polls the API until `ok(body)` holds (late events take a moment to reach the rollups); fails with the last body. */
export async function until(session, path, ok, ms = 45_000) {
  const end = Date.now() + ms;
  let last = null;
  while (Date.now() < end) {
    const r = await call(session, "GET", path);
    last = r.ok ? await r.json() : null;
    if (last && ok(last)) return last;
    await new Promise((res) => setTimeout(res, 500));
  }
  assert.fail(`${path} never held: ${JSON.stringify(last)?.slice(0, 400)}`);
}
