// Development stub of the query API: serves dist/ and fake, deterministic /api/v1 data so the page
// can be tried without Kafka or PostgreSQL. Not shipped. Usage: node dev/stub-server.mjs [port]
// GET /dev/drop closes every open stream (to watch the page reconnect).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { createAuth, CSP } from "./stub-auth.mjs";
import { DIMENSIONS, dimensionRoutes, groupOf, scaled, shareOf } from "./stub-dimensions.mjs";

const MINUTE = 60_000;
// One hostile name on purpose: the page must show it as text, never as markup.
export const MODELS = ["gpt-4o", "claude-sonnet-4", "llama-3.1-70b", "<img src=x onerror=alert(1)>"];
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".map": "application/json" };

/** Deterministic per-window figures for one model (so reloads show the same history). */
function windowOf(model, ws, now) {
  const i = MODELS.indexOf(model) + 1;
  const m = ws / MINUTE;
  const full = Math.round(40 * i + 25 * i * (1 + Math.sin(m / 7 + i)));
  const frac = ws + MINUTE <= now ? 1 : Math.max(0, (now - ws) / MINUTE);
  const count = Math.round(full * frac);
  const errors = Math.round(count * (0.01 + 0.04 * Math.max(0, Math.sin(m / 11 + i))));
  const base = 120 * i * (1 + 0.3 * Math.cos(m / 5));
  return {
    count, errors, input_tokens: count * 850 * i, output_tokens: count * 210 * i, cached_input_tokens: count * 100,
    cost_usd: count * 0.0021 * i, p50_ms: count ? base : null, p95_ms: count ? base * 2.6 : null,
    p99_ms: count ? base * 4.1 : null, final: frac === 1,
  };
}

function allOf(ws, now) {
  const parts = MODELS.map((m) => windowOf(m, ws, now));
  const sum = (k) => parts.reduce((a, p) => a + p[k], 0);
  const count = sum("count");
  const maxOf = (k) => (count ? Math.max(...parts.filter((p) => p.count).map((p) => p[k])) : null);
  return { count, errors: sum("errors"), input_tokens: sum("input_tokens"), output_tokens: sum("output_tokens"),
    cached_input_tokens: sum("cached_input_tokens"), cost_usd: sum("cost_usd"),
    p50_ms: maxOf("p50_ms"), p95_ms: maxOf("p95_ms"), p99_ms: maxOf("p99_ms"), final: parts[0].final };
}

const METRIC = {
  requests: (w) => w.count, errors: (w) => w.errors, error_rate: (w) => (w.count ? w.errors / w.count : null),
  p50: (w) => w.p50_ms, p95: (w) => w.p95_ms, p99: (w) => w.p99_ms, input_tokens: (w) => w.input_tokens,
  output_tokens: (w) => w.output_tokens, tokens: (w) => w.input_tokens + w.output_tokens, cost: (w) => w.cost_usd,
};

function windows(from, to, step) {
  const out = [];
  for (let w = Math.floor(from / step) * step; w <= to; w += step) out.push(w);
  return out;
}

function timeseries(q, now) {
  const metric = q.get("metric") ?? "requests";
  const metrics = metric.split(","); // several metrics: one series per metric, keyed by its name (as the query API)
  const unknown = metrics.find((m) => !METRIC[m]);
  if (unknown !== undefined) return [400, { error: `unknown metric ${unknown}` }];
  const f = METRIC[metrics[0]];
  const step = Number(q.get("step") ?? MINUTE) || MINUTE;
  const t = windows(Number(q.get("from")), Number(q.get("to") ?? now), step);
  const share = shareOf(q);
  if (metrics.length > 1) return [200, { metric, step_ms: step, t, series: metrics.map((m) => ({ key: m, values: t.map((w) => METRIC[m](scaled(allOf(w, now), share))) })) }];
  const byDim = DIMENSIONS[q.get("group_by")];
  const series = q.get("group_by") === "model"
    ? MODELS.map((m) => ({ key: m, values: t.map((w) => f(scaled(windowOf(m, w, now), share))) }))
    : byDim ? Object.entries(byDim).map(([v, sh]) => ({ key: v, values: t.map((w) => f(scaled(allOf(w, now), sh))) }))
      : [{ key: "all", values: t.map((w) => f(scaled(allOf(w, now), share))) }];
  return [200, { metric, step_ms: step, t, series }];
}

function summary(q, now) {
  const from = Number(q.get("from")), to = Number(q.get("to") ?? now);
  const ws = windows(from, to, MINUTE).map((w) => scaled(allOf(w, now), shareOf(q)));
  const sum = (k) => ws.reduce((a, w) => a + w[k], 0);
  const count = sum("count"), errors = sum("errors");
  const last = ws.filter((w) => w.count).at(-1);
  return [200, { count, errors, error_rate: count ? errors / count : null,
    latency_ms: { p50: last?.p50_ms ?? null, p95: last?.p95_ms ?? null, p99: last?.p99_ms ?? null },
    input_tokens: sum("input_tokens"), output_tokens: sum("output_tokens"), cost_usd: sum("cost_usd"), from, to }];
}

/** The fleet's figures over [from, to), as one window (the breakdown's rows are shares of it). */
function summed(from, to, now) {
  const ws = windows(from, to, MINUTE).map((w) => allOf(w, now));
  const sum = (k) => ws.reduce((a, w) => a + w[k], 0);
  const last = ws.filter((w) => w.count).at(-1);
  return { count: sum("count"), errors: sum("errors"), input_tokens: sum("input_tokens"), output_tokens: sum("output_tokens"),
    cached_input_tokens: sum("cached_input_tokens"), cost_usd: sum("cost_usd"), p50_ms: last?.p50_ms ?? null,
    p95_ms: last?.p95_ms ?? null, p99_ms: last?.p99_ms ?? null };
}

function rollup(grp, model, ws, w) {
  const { final, ...figures } = w;
  return { granularity: "1m", grp, agent_id: "*", model: model ?? "*", operation: "*", window_start: ws, is_final: final, ...figures };
}

function stream(req, res, q, streams, clock) {
  // as the query API: a grp value holding a slice is one group (values may hold commas), others comma lists
  const groups = q.getAll("grp").flatMap((v) => (v.includes("@") ? [v] : v.split(",")));
  if (groups.length === 0) groups.push("all");
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  res.flushHeaders(); // as the query API: headers at once, even for a stream without frames yet (grp=none)
  let id = Number(req.headers["last-event-id"] ?? 0) || 0;
  const send = (ws) => {
    const now = clock();
    for (const grp of groups) { // "all", "model" or a slice of them ("all@team=search": a share of the figures)
      const { base, share } = groupOf(grp);
      if (base === "all") res.write(`id: ${++id}\nevent: rollup\ndata: ${JSON.stringify(rollup(grp, null, ws, scaled(allOf(ws, now), share)))}\n\n`);
      if (base === "model") {
        for (const m of MODELS) res.write(`id: ${++id}\nevent: rollup\ndata: ${JSON.stringify(rollup(grp, m, ws, scaled(windowOf(m, ws, now), share)))}\n\n`);
      }
    }
  };
  let current = Math.floor(clock() / MINUTE) * MINUTE;
  send(current - MINUTE);
  send(current);
  const tick = setInterval(() => {
    const ws = Math.floor(clock() / MINUTE) * MINUTE;
    if (ws !== current) { send(current); current = ws; } // close the previous window (final)
    send(ws);
  }, 1000);
  const beat = setInterval(() => res.write(": heartbeat\n\n"), 15_000);
  streams.add(res);
  req.on("close", () => { clearInterval(tick); clearInterval(beat); streams.delete(res); });
}

/** The alerting endpoints the Alerts view reads (empty: nothing fires in the stub). */
const ALERTING = {
  "/api/v1/alerts": { firing: [], pending: [] },
  "/api/v1/alerts/history": { alerts: [] },
  "/api/v1/silences": { silences: [] },
  "/api/v1/alert-rules": { rules: [] },
  "/api/v1/channels": { channels: [] },
};

/** One firing alert whose names and summary are markup: the page must show them as text. */
const firingAlert = (now) => ({ fingerprint: "fp-stub-1", rule_id: "stub-rule", rule_name: MODELS[3], severity: "critical",
  state: "firing", summary: `${MODELS[3]} p95 too high`, labels: { agent: MODELS[3] }, starts_at: now - 120_000 });

/** Starts the stub; port 0 picks a free port. Resolves to { url, close() }. */
/** `failing` lists API paths (e.g. "/api/v1/timeseries") that answer 503, to try degraded starts. */
export function startStub({ port = 0, root = fileURLToPath(new URL("../dist/", import.meta.url)), clock = Date.now,
  failing = [] } = {}) {
  const streams = new Set();
  const auth = createAuth();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://stub");
    const json = ([status, body]) => { res.writeHead(status, { "content-type": "application/json" }); res.end(JSON.stringify(body)); return true; };
    const readBody = () => new Promise((ok) => { let b = ""; req.on("data", (c) => { b += c; }); req.on("end", () => ok(b)); });
    res.setHeader("content-security-policy", CSP);
    if (await auth(req, res, url, json, readBody)) return;
    if (failing.includes(url.pathname)) return json([503, { error: "unavailable (stub)" }]);
    if (url.pathname === "/api/v1/summary") return json(summary(url.searchParams, clock()));
    if (url.pathname === "/api/v1/timeseries") return json(timeseries(url.searchParams, clock()));
    // The overview's extra panels (the other views need the real query API; see e2e/).
    if (url.pathname === "/api/v1/overview") return json([200, { health: "green", recent: {}, active_agents: 3, known_agents: 4,
      cost_today_usd: 1.5, cost_yesterday_usd: 2, cost_yesterday_same_time_usd: 1 }]);
    if (url.pathname === "/api/v1/alerts") return json([200, { firing: [firingAlert(clock())], pending: [] }]);
    if (url.pathname.startsWith("/api/v1/layouts/")) return json([200, { layout: null }]);
    if (url.pathname === "/api/v1/stream") return stream(req, res, url.searchParams, streams, clock);
    const dims = dimensionRoutes(url, (from, to) => summed(from, to, clock()));
    if (dims) return json(dims);
    const alerting = ALERTING[url.pathname];
    if (alerting) return json([200, alerting]);
    if (url.pathname === "/dev/drop") { for (const s of streams) s.destroy(); return json([200, { dropped: true }]); }
    const path = normalize(url.pathname === "/" ? "/index.html" : url.pathname);
    if (path.includes("..")) return json([400, { error: "bad path" }]);
    try {
      const body = await readFile(join(root, path));
      res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" });
      res.end(body);
    } catch { json([404, { error: "not found" }]); }
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => {
    const url = `http://127.0.0.1:${server.address().port}`;
    resolve({ url, close: () => new Promise((r) => { for (const s of streams) s.destroy(); server.close(r); }) });
  }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { url } = await startStub({ port: Number(process.argv[2] ?? process.env.PORT ?? 8080) });
  console.log(`Agent Pulse dev stub listening on ${url}`);
}
