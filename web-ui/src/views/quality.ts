// Quality and SLA: availability against the objective, error budget, burn rate; user feedback from the
// rollups over any range (mean, rated share, distribution, trend) and the recent scores, each linked to
// the call it rates (raw events: they last as long as the raw retention).

import { el, svg } from "../dom";
import { LineChart } from "../charts";
import { formatCount, formatPercent, NONE, safeLabel } from "../format";
import { dataTable } from "./table";
import { agentLink } from "./agents";
import { changeLine } from "./change";
import { heading, n, rows, s, stamp, tile, type Row, type ViewContext } from "./context";

/** Scores listed with their rated call (newest first). */
export const RECENT_SCORES = 20;
/** A rated call started before its score: the events link looks this far back (and a minute ahead). */
export const RATED_CALL_LOOKBACK_MS = 86_400_000;

const score = (v: unknown): string => (n(v) === null ? NONE : (n(v) as number).toFixed(2));
const time = (v: unknown): string => new Date(n(v) ?? 0).toLocaleString();

export async function renderQuality(root: HTMLElement, ctx: ViewContext): Promise<void> {
  const agent = ctx.state.params.agent; // ?agent= in the URL narrows the whole view to one agent
  const url = ctx.url("/api/v1/quality", { agent });
  const scoresUrl = ctx.url("/api/v1/events", { kind: "feedback", agent, limit: RECENT_SCORES });
  const [body, recent] = await Promise.all([ctx.get(url), ctx.get(scoresUrl)]);
  const objective = n(body.objective);
  const budget = n(body.error_budget_remaining);
  const burn = n(body.burn_rate);
  const fbCount = n(body.feedback_count) ?? 0;
  const times = (v: number | null) => (v === null ? NONE : `${v.toFixed(2)}\u00d7`);
  root.append(heading("Quality and SLA", agent ? el("span", { class: "filter-note" }, "agent ", agentLink(agent, ctx)) : ""),
    el("section", { class: "tiles" },
    withLine(tile("Availability", formatPercent(n(body.availability)), `objective ${formatPercent(objective)}`, "availability"),
      changeLine(body, "availability", formatPercent)),
    withLine(tile("Error budget remaining", formatPercent(budget), budget !== null && budget < 0 ? "spent" : "of this range's budget"),
      changeLine(body, "error_budget_remaining", formatPercent)),
    withLine(tile("Burn rate", times(burn), "1\u00d7 spends the budget exactly"), changeLine(body, "burn_rate", times)),
    withLine(tile("Feedback", score(body.feedback_mean), `mean of ${formatCount(fbCount)} scores`, "feedback-mean"),
      changeLine(body, "feedback_mean", (v) => score(v))),
    withLine(tile("Rated share", formatPercent(n(body.rated_share)), "scores per call", "rated-share"),
      changeLine(body, "rated_share", formatPercent))));
  const availRows = rows(body.availability_series);
  const fbRows = rows(body.feedback);
  const dist = rows(body.feedback_distribution);
  const c1 = el("div", { class: "chart", role: "group", "aria-label": "Availability over time" });
  const c2 = el("div", { class: "chart", role: "group", "aria-label": "Feedback score and rated share over time" });
  root.append(el("div", { class: "grid2" },
    el("figure", {}, el("figcaption", {}, "Availability vs objective"), c1),
    el("figure", {}, el("figcaption", {}, "Mean feedback score and rated share"), c2)),
  el("div", { class: "grid2" },
    el("figure", { id: "feedback-distribution" }, el("figcaption", {}, "Score distribution"), distributionChart(dist)),
    dataTable({ id: "quality-distribution", caption: "Score distribution", rows: dist, exportUrl: url + "&table=feedback_distribution",
      columns: [{ key: "from", label: "Score", fmt: (v, r) => bucketLabel(v, r) },
        { key: "count", label: "Scores", numeric: true, fmt: (v) => formatCount(n(v)) },
        { key: "share", label: "Share", numeric: true, fmt: (v) => formatPercent(n(v)) }] })),
  recentScores(rows(recent.events), ctx),
  el("div", { class: "grid2" },
    dataTable({ id: "quality-availability", caption: "Availability per step", rows: availRows, exportUrl: url + "&table=availability_series",
      columns: [{ key: "t", label: "Time", numeric: true, fmt: time },
        { key: "count", label: "Calls", numeric: true }, { key: "errors", label: "Errors", numeric: true },
        { key: "availability", label: "Availability", numeric: true, fmt: (v) => formatPercent(n(v)) }] }),
    dataTable({ id: "quality-feedback", caption: "Feedback per step", rows: fbRows, exportUrl: url + "&table=feedback",
      columns: [{ key: "t", label: "Time", numeric: true, fmt: time },
        { key: "count", label: "Scores", numeric: true },
        { key: "mean_score", label: "Mean", numeric: true, fmt: score },
        { key: "rated_share", label: "Rated share", numeric: true, fmt: (v) => formatPercent(n(v)) }] })));
  requestAnimationFrame(() => {
    const a = new LineChart(c1, (v) => formatPercent(v), {});
    // With compare on, each row carries the previous period's value of the same step (previous_*): an overlay.
    const compared = ctx.state.compare;
    a.update(compared ? ["availability", "objective", "previous period"] : ["availability", "objective"],
      [availRows.map((r) => (n(r.t) ?? 0) / 1000), availRows.map((r) => n(r.availability)), availRows.map(() => objective),
        ...(compared ? [availRows.map((r) => n(r.previous_availability))] : [])]);
    const f = new LineChart(c2, (v) => (v === null ? NONE : v.toFixed(2)), { min0: true });
    f.update(compared ? ["mean score", "rated share", "previous mean score"] : ["mean score", "rated share"],
      [fbRows.map((r) => (n(r.t) ?? 0) / 1000), fbRows.map((r) => n(r.mean_score)), fbRows.map((r) => n(r.rated_share)),
        ...(compared ? [fbRows.map((r) => n(r.previous_mean_score))] : [])]);
    ctx.charts.push(a, f);
  });
}

/** "0.9\u20131.0" for the bucket [from, to), the last one closed. */
export function bucketLabel(from: unknown, r: Row): string {
  const lo = n(from);
  const hi = n(r.to);
  return lo === null || hi === null ? NONE : `${lo.toFixed(1)}\u2013${hi.toFixed(1)}`;
}

/** Ten bars of the scores' counts (SVG attributes only, no style), each titled with its bucket and count. */
export function distributionChart(dist: Row[], width = 300, height = 120): SVGElement {
  const max = Math.max(1, ...dist.map((r) => n(r.count) ?? 0));
  const w = width / Math.max(1, dist.length);
  const bars = dist.map((r, i) => {
    const c = n(r.count) ?? 0;
    const h = Math.round((c / max) * (height - 14));
    const label = `${bucketLabel(r.from, r)}: ${formatCount(c)}`;
    return svg("g", { "data-bucket": i, "data-count": c },
      svg("rect", { x: Math.round(i * w + 2), y: height - 14 - h, width: Math.max(1, Math.round(w - 4)), height: h, class: "hist-bar" },
        svg("title", {}, document.createTextNode(label))),
      svg("text", { x: Math.round(i * w + w / 2), y: height - 2, "text-anchor": "middle", class: "axis" },
        document.createTextNode((n(r.from) ?? 0).toFixed(1))));
  });
  return svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "Scores per bucket of 0.1", class: "histogram" }, ...bars);
}

/**
 * The Events view filtered to the call a score rates: a FEEDBACK event carries the trace and span of
 * the call it scores (docs/CONTRACTS.md), and that call started before the score (up to a day back).
 * Null when the score names no trace.
 */
export function ratedCallHash(e: Row): string | null {
  const trace = s(e.trace_id);
  const t = n(e.event_time);
  if (trace === "" || t === null) return null;
  const q = new URLSearchParams({ range: "custom", from: String(t - RATED_CALL_LOOKBACK_MS), to: String(t + 60_000) });
  if (s(e.agent_id) !== "") q.set("agent", s(e.agent_id));
  q.set("trace_id", trace);
  if (s(e.span_id) !== "") q.set("span_id", s(e.span_id));
  return `#/events?${q.toString()}`;
}

function recentScores(events: Row[], ctx: ViewContext): HTMLElement {
  return dataTable({ id: "quality-scores", caption: "Recent scores", rows: events,
    empty: "No scores in this range (individual scores last as long as raw events).",
    columns: [{ key: "event_time", label: "Time", numeric: true, fmt: (v) => stamp(v) },
      { key: "agent_id", label: "Agent", fmt: (v) => agentLink(s(v), ctx) },
      { key: "feedback_score", label: "Score", numeric: true, fmt: score },
      { key: "trace_id", label: "Rated call", fmt: (v, r) => {
        const href = ratedCallHash(r);
        return href === null ? NONE : el("a", { href, class: "rated-call", title: `trace ${s(v)} span ${s(r.span_id)}` },
          safeLabel(s(r.span_id) || s(v)));
      } }] });
}

function withLine(t: HTMLElement, line: HTMLElement | null): HTMLElement {
  if (line) t.append(line);
  return t;
}
