// The overview's extra panels: fleet health, agents, cost today vs yesterday, firing alerts (with
// acknowledgement), trends over the chosen range (with the previous period as an overlay), and the
// operator's layout (which panels, in which order), saved on the server per user.

import { el, replace } from "../dom";
import { LineChart, type Columns } from "../charts";
import { formatCount, formatMs, formatPercent, formatUsd, safeLabel } from "../format";
import { badge, n, rows, s, type Row, type ViewContext } from "./context";
import { getJson, json } from "../http";
import { can, session } from "../session";

export const PANELS: Record<string, string> = {
  health: "Fleet health", tiles: "Live figures", alerts: "Firing alerts", trends: "Trends over the range", charts: "Last 60 minutes",
};
export const DEFAULT_LAYOUT = { panels: ["health", "tiles", "alerts", "trends", "charts"], hidden: [] as string[] };
export type Layout = typeof DEFAULT_LAYOUT;

/** A layout from the server, cleaned: known panel ids only, each once, missing ones appended. */
export function cleanLayout(raw: unknown): Layout {
  const o = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const listed = Array.isArray(o.panels) ? o.panels.filter((p): p is string => typeof p === "string" && p in PANELS) : [];
  const panels = [...new Set([...listed, ...DEFAULT_LAYOUT.panels])];
  const hidden = Array.isArray(o.hidden) ? o.hidden.filter((p): p is string => typeof p === "string" && p in PANELS) : [];
  return { panels, hidden: [...new Set(hidden)] };
}

export function applyLayout(layout: Layout): void {
  layout.panels.forEach((id, i) => {
    const p = document.querySelector<HTMLElement>(`[data-panel="${id}"]`);
    if (p) { p.style.order = String(i); p.hidden = layout.hidden.includes(id); }
  });
}

/** The signed-in user: layouts are saved per user. */
export const currentUser = (): string => session()?.username ?? "";
const layoutUrl = () => `/api/v1/layouts/${encodeURIComponent(currentUser())}`;

// --- health and headline figures --------------------------------------------------------------
export async function renderHealth(ctx: ViewContext): Promise<void> {
  // now-based (last 5 min, today, yesterday): no range or compare, only the dimension filter
  const o = await ctx.get(ctx.url("/api/v1/overview", { from: null, to: null, compare: null }));
  const recent = (o.recent ?? {}) as Row;
  const today = n(o.cost_today_usd), same = n(o.cost_yesterday_same_time_usd);
  const change = today !== null && same !== null && same > 0 ? (today - same) / same : null;
  const health = s(o.health);
  const box = document.getElementById("health") as HTMLElement;
  box.dataset.health = health;
  replace(box,
    el("article", { class: "tile health-tile" }, el("h2", {}, "Fleet health"),
      el("p", { class: "value", "data-k": "health" }, badge(health)),
      el("p", { class: "sub" }, `last 5 min: errors ${formatPercent(n(recent.error_rate))} \u00b7 p95 ${formatMs(n(recent.p95_ms))}`)),
    el("article", { class: "tile" }, el("h2", {}, "Agents"),
      el("p", { class: "value", "data-k": "agents-active" }, `${formatCount(n(o.active_agents))} / ${formatCount(n(o.known_agents))}`),
      el("p", { class: "sub" }, "active / known")),
    el("article", { class: "tile" }, el("h2", {}, "Cost today"),
      el("p", { class: "value", "data-k": "cost-today" }, formatUsd(today)),
      el("p", { class: "sub" }, `yesterday ${formatUsd(n(o.cost_yesterday_usd))} \u00b7 ${change === null ? "\u2014" : (change >= 0 ? "+" : "") + formatPercent(change)} vs same time`)),
    el("article", { class: "tile" }, el("h2", {}, "Firing alerts"),
      el("p", { class: "value", "data-k": "alerts-firing" }, alertCount === null ? "\u2014" : String(alertCount)),
      el("p", { class: "sub" }, alertCount === null ? "alerting not available" : "unacknowledged and acknowledged")));
}

// --- alerts -------------------------------------------------------------------------------------
let alertCount: number | null = null;

interface Alert { fingerprint: string; name: string; severity: string; state: string; since: number | null; acked: boolean; summary: string }

export function parseAlerts(body: unknown): Alert[] {
  const b = body as Row | null;
  const list = Array.isArray(body) ? body : Array.isArray(b?.firing) ? b?.firing : rows(b?.alerts);
  return rows(list).map((a) => ({
    fingerprint: s(a.fingerprint ?? a.id),
    name: s(a.rule_name ?? a.name ?? a.rule ?? a.alertname ?? a.rule_id),
    severity: s(a.severity),
    state: s(a.state ?? a.status).toLowerCase(),
    since: n(a.starts_at ?? a.since ?? a.active_since ?? a.started_at ?? a.fired_at),
    acked: a.acknowledged === true || a.acked === true || (typeof a.acked_by === "string" && a.acked_by !== "")
      || (a.ack !== undefined && a.ack !== null && a.ack !== false),
    summary: s(a.summary ?? a.description ?? a.message),
  })).filter((a) => a.fingerprint !== "" && (a.state === "" || a.state === "firing"));
}

export async function renderAlerts(ctx: ViewContext): Promise<void> {
  const box = document.getElementById("alerts-panel") as HTMLElement;
  let alerts: Alert[];
  try { alerts = parseAlerts(await ctx.get("/api/v1/alerts?state=firing")); } catch {
    alertCount = null;
    replace(box, el("h2", {}, "Firing alerts"), el("p", { class: "sub" }, "Alerting is not available on this server."));
    return;
  }
  alertCount = alerts.length;
  const list = el("ul", { class: "alerts", id: "alerts-list" }, ...alerts.map((a) => el("li", { "data-fingerprint": a.fingerprint },
    badge(a.severity || "firing"), el("strong", {}, safeLabel(a.name || a.fingerprint)), el("span", { class: "sub" }, a.summary),
    a.acked ? el("span", { class: "acked" }, "acknowledged")
      : !can("ack") ? null : el("button", { type: "button", class: "ack", onclick: () => void ack(ctx, a.fingerprint).catch(ackFailed) }, "Acknowledge"))));
  replace(box, el("h2", {}, "Firing alerts"), alerts.length === 0 ? el("p", { class: "sub" }, "Nothing is firing.") : list);
}

function ackFailed(e: unknown): void {
  const p = document.getElementById("problem");
  if (p) { p.textContent = `Acknowledging failed: ${e instanceof Error ? e.message : String(e)}`; p.hidden = false; }
}

async function ack(ctx: ViewContext, fingerprint: string): Promise<void> {
  await json("POST", `/api/v1/alerts/${encodeURIComponent(fingerprint)}/ack`, { body: { by: currentUser() } });
  await renderAlerts(ctx);
}

// --- trends over the chosen range, the previous period as an overlay ---------------------------
const trendCharts = new Map<string, LineChart>();
const TRENDS: [string, string, (v: number | null) => string][] = [
  ["requests", "Requests / min", formatCount], ["error_rate", "Error rate", formatPercent], ["p95", "p95 latency", formatMs],
];

export async function renderTrends(ctx: ViewContext): Promise<void> {
  const box = document.getElementById("trends") as HTMLElement;
  if (box.childElementCount === 0) {
    for (const [m, label] of TRENDS) {
      box.append(el("figure", {}, el("figcaption", {}, label, " ", el("a", { class: "export", "data-export": `trend-${m}`, download: `${m}.csv`, href: "#" }, "CSV")),
        el("div", { class: "chart", id: `trend-${m}`, role: "group", "aria-label": `${label} over the range` })));
    }
  }
  // One request for the three charts, the previous period included when compare is on (the API's
  // ?compare=previous: each series then carries a previous array aligned with t).
  const names = TRENDS.map(([m]) => m).join(",");
  for (const [m] of TRENDS) {
    (box.querySelector(`[data-export="trend-${m}"]`) as HTMLAnchorElement).href = ctx.url("/api/v1/timeseries", { metric: m }) + "&format=csv";
  }
  const cur = await ctx.get(ctx.url("/api/v1/timeseries", { metric: names }));
  const t = (Array.isArray(cur.t) ? cur.t : []) as number[];
  const seriesOf = (m: string) => rows(cur.series).find((x) => x.key === m) ?? {};
  for (const [m, , fmt] of TRENDS) {
    const ser = seriesOf(m);
    const values = (Array.isArray(ser.values) ? ser.values : []) as (number | null)[];
    const labels = ["this period"];
    const cols: Columns = [t.map((x) => x / 1000), t.map((_, i) => values[i] ?? null)];
    if (Array.isArray(ser.previous)) {
      const pv = ser.previous as (number | null)[];
      labels.push("previous period");
      cols.push(t.map((_, i) => pv[i] ?? null));
    }
    let chart = trendCharts.get(m);
    if (!chart) { chart = new LineChart(box.querySelector(`#trend-${m}`) as HTMLElement, fmt, { min0: true }); trendCharts.set(m, chart); }
    chart.update(labels, cols);
  }
}

export function rebuildTrends(): void { trendCharts.forEach((c) => c.rebuild()); }

// --- layout editor --------------------------------------------------------------------------------
export async function loadLayout(): Promise<Layout> {
  try {
    const body = await getJson<{ layout?: unknown }>(layoutUrl());
    return cleanLayout(body.layout ?? null);
  } catch { return cleanLayout(null); }
}

export function layoutEditor(layout: Layout, onSaved: (l: Layout) => void): HTMLElement {
  const work = cleanLayout(layout);
  const list = el("ol", { class: "layout-list" });
  const draw = () => {
    replace(list, ...work.panels.map((id, i) => el("li", { "data-panel-id": id },
      el("label", {}, el("input", { type: "checkbox", checked: !work.hidden.includes(id), "data-show": id, onchange: (e: Event) => {
        const on = (e.target as HTMLInputElement).checked;
        work.hidden = on ? work.hidden.filter((h) => h !== id) : [...work.hidden, id];
        applyLayout(work);
      } }), PANELS[id]),
      el("button", { type: "button", "aria-label": `Move ${PANELS[id]} up`, disabled: i === 0, onclick: () => move(i, -1) }, "\u2191"),
      el("button", { type: "button", "aria-label": `Move ${PANELS[id]} down`, disabled: i === work.panels.length - 1, onclick: () => move(i, 1) }, "\u2193"))));
  };
  const move = (i: number, d: number) => {
    const [p] = work.panels.splice(i, 1);
    work.panels.splice(i + d, 0, p);
    applyLayout(work);
    draw();
    (list.querySelectorAll("button")[Math.max(0, (i + d) * 2 + (d < 0 ? 0 : 1))] as HTMLElement | undefined)?.focus();
  };
  draw();
  const status = el("span", { class: "sub", role: "status" });
  const save = el("button", { type: "button", id: "layout-save", onclick: async () => {
    try {
      await json("PUT", layoutUrl(), { body: work });
      status.textContent = `Saved for ${currentUser()}.`;
      onSaved(cleanLayout(work));
    } catch (e) { status.textContent = `Saving failed: ${e instanceof Error ? e.message : String(e)}`; }
  } }, "Save layout");
  return el("section", { class: "panel layout-editor", id: "layout-editor", "aria-label": "Customise the overview" },
    el("h2", {}, `Overview layout of ${currentUser()}`), list, save, " ", status);
}
