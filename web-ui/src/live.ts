// The live overview: initial history from /timeseries and /summary, then live SSE rollups merged
// into ring buffers; all drawing happens in one requestAnimationFrame per batch of changes.
// Started by main.ts once someone is signed in; stopped when the session ends. The dimension filter
// (app.ts) narrows all of it: history and summary ask for the slice, the stream subscribes to the
// slice's groups, and a change of filter starts over with empty rings.

import { Api, type Metric, type Rollup, type Summary } from "./api";
import { LineChart, type Columns } from "./charts";
import { formatClock, formatCount, formatMs, formatPercent, safeLabel } from "./format";
import { ADDITIVE, captureBaseline, frameBatcher, KeyedRings, MINUTE_MS, MinuteRing, ratioColumn, type Baseline, type Field } from "./state";
import { LiveStream, type LinkState } from "./stream";
import { computeTiles, Tiles } from "./tiles";
import { liveTick, startApp } from "./app";
import { parseHash } from "./router";
import { sameSlice, sliceGroup, type Slice } from "./slice";

/** Minutes kept in memory (charts show the newest CHART_MINUTES; totals need a full hour). */
const RING_MINUTES = 120;
const CHART_MINUTES = 60;
const HOUR_MS = 60 * MINUTE_MS;
/** Models drawn in the per-model chart; the ring keeps at most MAX_MODELS before folding into _other. */
const TOP_MODELS = 6;
const MAX_MODELS = 50;
/** Frames for windows further than this in the future are dropped (a bad clock can't wipe the ring). */
const FUTURE_SLACK_MS = 2 * MINUTE_MS;
const SUMMARY_REFRESH_MS = 60_000;

const FIELD_OF: Partial<Record<Metric, Field>> = {
  requests: "count", errors: "errors", p50: "p50", p95: "p95", p99: "p99",
  input_tokens: "inputTokens", output_tokens: "outputTokens", cost: "costUsd",
};

const api = new Api();
let ring = new MinuteRing(RING_MINUTES);
let models = new KeyedRings(RING_MINUTES, MAX_MODELS);
/** Bumped by a change of filter: loads started before it are dropped when they answer. */
let generation = 0;
let summary: Summary | null = null;
let baseline: Baseline | null = null;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const tiles = new Tiles(document);
const charts = {
  requests: new LineChart($("chart-requests"), formatCount, { min0: true }),
  errors: new LineChart($("chart-errors"), formatPercent, { min0: true }),
  latency: new LineChart($("chart-latency"), formatMs, { min0: true }),
  models: new LineChart($("chart-models"), formatCount, { min0: true }),
};

// --- drawing: mark dirty, draw once per animation frame -------------------------------------
const markDirty = frameBatcher(draw, requestAnimationFrame);

const tail = <T>(a: T[]) => a.slice(a.length - CHART_MINUTES);
/** A count column without the running minute: a partial count would read as a sudden drop. */
const complete = (a: (number | null)[]) => { const c = tail(a); c[c.length - 1] = null; return c; };

/**
 * The instant the page shows. Live: the wall clock. Paused or reconnecting: frozen at the newest
 * minute held, so minutes without a feed are not drawn as zero traffic (resync fills them later).
 */
function viewTime(): number {
  const wall = Date.now();
  if (stream.current === "live" || ring.head === -Infinity) return wall;
  return Math.min(wall, ring.head + MINUTE_MS - 1);
}

function draw(): void {
  const now = viewTime();
  ring.advanceTo(now);
  models.advanceTo(now);
  const t = tail(ring.times());
  const counts = ring.column("count");
  charts.requests.update(["requests/min"], [t, complete(counts)]);
  charts.errors.update(["error rate"], [t, tail(ratioColumn(ring.column("errors"), counts))]);
  charts.latency.update(["p50", "p95", "p99"],
    [t, tail(ring.column("p50")), tail(ring.column("p95")), tail(ring.column("p99"))]);
  // Sorted by name so that a change of rank alone does not rebuild the chart; only a new set does.
  const top = models.top(TOP_MODELS).sort();
  const modelCols = top.map((k) => complete((models.rings.get(k) as MinuteRing).column("count")));
  charts.models.update(top, [t, ...modelCols] as Columns);
  tiles.render(computeTiles(ring, baseline, summary, now));
}

// --- data in ---------------------------------------------------------------------------------
function applyRollup(r: Rollup): void {
  if (r.windowStart > Date.now() + FUTURE_SLACK_MS) return;
  const values = {
    count: r.count, errors: r.errors, inputTokens: r.inputTokens, outputTokens: r.outputTokens,
    costUsd: r.costUsd, p50: r.p50, p95: r.p95, p99: r.p99,
  };
  if (r.grp === sliceGroup("all", api.slice)) ring.upsert(r.windowStart, values, r.final);
  else if (r.grp === sliceGroup("model", api.slice)) models.ring(safeLabel(r.model)).upsert(r.windowStart, values, r.final);
  else return;
  markDirty();
}

async function loadHistory(): Promise<void> {
  const gen = generation;
  const to = Date.now();
  const from = ring.align(to) - (CHART_MINUTES - 1) * MINUTE_MS;
  ring.advanceTo(to);
  const metrics = Object.keys(FIELD_OF) as Metric[];
  // Two requests: every metric of the tiles in one (one read of the rollups), requests by model.
  const [all, byModel] = await Promise.all([
    api.timeseriesOf(metrics, from, to, MINUTE_MS),
    api.timeseries("requests", from, to, MINUTE_MS, "model"),
  ]);
  if (gen !== generation) return; // the filter changed meanwhile: these are another slice's figures
  for (const m of metrics) {
    const field = FIELD_OF[m] as Field;
    const s = all.series.find((x) => x.key === m);
    // The server answers null for a bucket without rows: no requests means 0 for totals, unknown for percentiles.
    if (s) all.t.forEach((w, i) => ring.upsert(w, { [field]: s.values[i] ?? (ADDITIVE.has(field) ? 0 : null) }));
  }
  for (const s of byModel.series) {
    const r = models.ring(safeLabel(s.key));
    r.advanceTo(to);
    byModel.t.forEach((w, i) => r.upsert(w, { count: s.values[i] ?? 0 }));
  }
  markDirty();
}

function fetchSummary(): Promise<Summary> {
  const to = Date.now();
  // From a minute boundary, so the summary covers exactly the 60 windows the tiles add up.
  return api.summary(ring.align(to) - HOUR_MS + MINUTE_MS, to);
}

/** Takes a summary as the base of the hour tiles; the ring must already hold the history it covers. */
function applySummary(s: Summary): void {
  summary = s;
  baseline = captureBaseline(
    { count: s.count, errors: s.errors, inputTokens: s.inputTokens, outputTokens: s.outputTokens, costUsd: s.costUsd },
    ring, s.from, s.to);
  markDirty();
}

function showError(e: unknown): void {
  const el = $("problem");
  el.textContent = e instanceof Error ? e.message : String(e);
  el.hidden = false;
}

let syncing: Promise<void> | null = null;
/** Reloads history then the summary; concurrent calls share one run (reconnect storms). */
function resync(): Promise<void> {
  syncing ??= (async () => {
    const gen = generation;
    // Independent: without history the stream still fills the charts; without a summary, the tiles.
    // Both requests fly at once (first load <= 1 s); the summary is applied after the history.
    const ok = <T>(p: Promise<T>) => p.then((v) => ({ v }), (e: unknown) => { showError(e); return null; });
    const pendingSummary = ok(fetchSummary());
    try {
      const history = await ok(loadHistory());
      const s = await pendingSummary;
      if (gen !== generation) return;
      if (s) applySummary(s.v);
      if (history && s) $("problem").hidden = true;
    } finally { if (gen === generation) syncing = null; }
  })();
  return syncing;
}

/** The groups the live page reads: the fleet and its models, of the slice when filtered. */
const GROUPS = ["all", "model"];

/** Follows the dimension filter: empty rings, the slice's groups on the stream, its history and summary. */
function setLiveSlice(slice: Slice | null): void {
  if (sameSlice(slice, api.slice)) return;
  api.slice = slice;
  generation++;
  syncing = null; // a load of the old slice still running is dropped when it answers (generation)
  ring = new MinuteRing(RING_MINUTES);
  models = new KeyedRings(RING_MINUTES, MAX_MODELS);
  summary = null;
  baseline = null;
  stream.setUrl(api.streamUrl(GROUPS));
  markDirty();
  void resync();
}

// --- connection indicator and pause ----------------------------------------------------------
const LINK_TEXT: Record<LinkState, string> = {
  connecting: "Connecting\u2026", live: "Live", reconnecting: "Reconnecting", paused: "Paused",
};
api.slice = parseHash(location.hash).slice; // a link's filter applies from the first request
const stream = new LiveStream(api.streamUrl(GROUPS), {
  onRollup: (r) => { applyRollup(r); liveTick(); },
  onResync: () => void resync(),
  onState(state, attempt) {
    const link = $("link");
    link.dataset.state = state;
    $("link-text").textContent = state === "reconnecting" && attempt > 0
      ? `${LINK_TEXT[state]} (attempt ${attempt})` : LINK_TEXT[state];
    $("pause").textContent = state === "paused" ? "Resume" : "Pause";
    markDirty();
  },
});

/** Starts the live page (once): the clock, the stream, then the other views. */
export function startLive(): void {
  $("pause").addEventListener("click", () => (stream.current === "paused" ? stream.start() : stream.pause()));
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
    for (const c of Object.values(charts)) c.rebuild();
  });
  // The clock moves the x axis and the "current minute" even when no frame arrives.
  let lastMinute = ring.align(Date.now());
  setInterval(() => {
    const m = ring.align(Date.now());
    if (m !== lastMinute) { lastMinute = m; markDirty(); }
    $("updated").textContent = formatClock(Date.now());
  }, 1000);
  $("updated").textContent = formatClock(Date.now());
  setInterval(() => { if (stream.current === "live") fetchSummary().then(applySummary, showError); }, SUMMARY_REFRESH_MS);
  markDirty();
  // The other views and panels start once the live tiles have their history: first data first.
  resync().finally(() => {
    stream.start();
    startApp(() => { for (const c of Object.values(charts)) c.rebuild(); }, setLiveSlice);
  });
}

/** Closes the stream (the session ended: it would only be refused). */
export function stopLive(): void { stream.pause(); }
