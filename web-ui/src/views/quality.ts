// Quality and SLA: feedback scores over time, availability against the objective, error budget, burn rate.

import { el } from "../dom";
import { LineChart } from "../charts";
import { formatPercent } from "../format";
import { dataTable } from "./table";
import { heading, n, rows, tile, type ViewContext } from "./context";
import { changeLine } from "./change";

export async function renderQuality(root: HTMLElement, ctx: ViewContext): Promise<void> {
  const url = ctx.url("/api/v1/quality");
  const body = await ctx.get(url);
  const objective = n(body.objective);
  const avail = n(body.availability);
  const budget = n(body.error_budget_remaining);
  const burn = n(body.burn_rate);
  root.append(heading("Quality and SLA"), el("section", { class: "tiles" },
    withLine(tile("Availability", formatPercent(avail), `objective ${formatPercent(objective)}`, "availability"),
      changeLine(body, "availability", formatPercent)),
    withLine(tile("Error budget remaining", formatPercent(budget), budget !== null && budget < 0 ? "spent" : "of this range's budget"),
      changeLine(body, "error_budget_remaining", formatPercent)),
    withLine(tile("Burn rate", burn === null ? "\u2014" : `${burn.toFixed(2)}\u00d7`, "1\u00d7 spends the budget exactly"),
      changeLine(body, "burn_rate", (v) => (v === null ? "\u2014" : `${v.toFixed(2)}\u00d7`))),
    tile("Feedback", mean(rows(body.feedback)), "mean score in range")));
  const availRows = rows(body.availability_series);
  const fbRows = rows(body.feedback);
  const c1 = el("div", { class: "chart", role: "group", "aria-label": "Availability over time" });
  const c2 = el("div", { class: "chart", role: "group", "aria-label": "Feedback score over time" });
  root.append(el("div", { class: "grid2" },
    el("figure", {}, el("figcaption", {}, "Availability vs objective"), c1),
    el("figure", {}, el("figcaption", {}, "Mean feedback score"), c2)),
  el("div", { class: "grid2" },
    dataTable({ id: "quality-availability", caption: "Availability per step", rows: availRows, exportUrl: url + "&table=availability_series",
      columns: [{ key: "t", label: "Time", numeric: true, fmt: (v) => new Date(n(v) ?? 0).toLocaleString() },
        { key: "count", label: "Calls", numeric: true }, { key: "errors", label: "Errors", numeric: true },
        { key: "availability", label: "Availability", numeric: true, fmt: (v) => formatPercent(n(v)) }] }),
    dataTable({ id: "quality-feedback", caption: "Feedback per step", rows: fbRows, exportUrl: url + "&table=feedback",
      columns: [{ key: "t", label: "Time", numeric: true, fmt: (v) => new Date(n(v) ?? 0).toLocaleString() },
        { key: "count", label: "Scores", numeric: true },
        { key: "mean_score", label: "Mean", numeric: true, fmt: (v) => (n(v) === null ? "\u2014" : (n(v) as number).toFixed(2)) }] })));
  requestAnimationFrame(() => {
    const a = new LineChart(c1, (v) => formatPercent(v), {});
    // With compare on, each row carries the previous period's value of the same step (previous_*): an overlay.
    const compared = ctx.state.compare;
    a.update(compared ? ["availability", "objective", "previous period"] : ["availability", "objective"],
      [availRows.map((r) => (n(r.t) ?? 0) / 1000), availRows.map((r) => n(r.availability)), availRows.map(() => objective),
        ...(compared ? [availRows.map((r) => n(r.previous_availability))] : [])]);
    const f = new LineChart(c2, (v) => (v === null ? "\u2014" : v.toFixed(2)), { min0: true });
    f.update(compared ? ["mean score", "previous period"] : ["mean score"], [fbRows.map((r) => (n(r.t) ?? 0) / 1000),
      fbRows.map((r) => n(r.mean_score)), ...(compared ? [fbRows.map((r) => n(r.previous_mean_score))] : [])]);
    ctx.charts.push(a, f);
  });
}

function withLine(t: HTMLElement, line: HTMLElement | null): HTMLElement {
  if (line) t.append(line);
  return t;
}

function mean(fb: Record<string, unknown>[]): string {
  let c = 0, sum = 0;
  for (const r of fb) { const k = n(r.count) ?? 0; c += k; sum += (n(r.mean_score) ?? 0) * k; }
  return c === 0 ? "\u2014" : (sum / c).toFixed(2);
}
