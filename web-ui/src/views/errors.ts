// Errors: failed calls by error type over the range (from the rollups, so any range), their trend,
// and which agents or models fail most; each type links to its calls in the Events view.

import { el } from "../dom";
import { LineChart } from "../charts";
import { formatCount, formatPercent, safeLabel } from "../format";
import { dataTable } from "./table";
import { agentLink } from "./agents";
import { heading, n, rows, s, tile, type ViewContext } from "./context";
import { changeLine } from "./change";

/** The Events view's URL for the failed calls of one type (and the view's filters) over the range. */
export function eventsHref(ctx: ViewContext, type: string, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ range: "custom", from: String(ctx.from), to: String(ctx.to), status: "ERROR" });
  for (const k of ["agent", "model", "operation"]) if (ctx.state.params[k]) q.set(k, ctx.state.params[k]);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  if (type !== "_other") q.set("error_type", type); // _other is many types: the link lists every failed call
  return `#/events?${q.toString()}`;
}

export async function renderErrors(root: HTMLElement, ctx: ViewContext): Promise<void> {
  const p = ctx.state.params;
  const by = p.by === "model" ? "model" : "agent";
  const url = ctx.url("/api/v1/errors", { agent: p.agent, model: p.model, operation: p.operation, by });
  const body = await ctx.get(url);
  const types = rows(body.types);
  const byRows = rows(body.by);
  const byKey = s(body.by_dimension) === "model" ? "model" : "agent_id";
  const pick = el("select", { id: "errors-by", "aria-label": "Rank by" },
    ...["agent", "model"].map((v) => el("option", { value: v, selected: by === v }, `by ${v}`)));
  pick.addEventListener("change", () => ctx.nav({ params: { ...p, by: (pick as HTMLSelectElement).value } }));
  const chart = el("div", { class: "chart", role: "group", "aria-label": "Failed calls by error type over time" });
  root.append(heading("Errors", pick), el("section", { class: "tiles" },
    withLine(tile("Failed calls", formatCount(n(body.errors)), `of ${formatCount(n(body.calls))} calls`, "errors"),
      changeLine(body, "errors", (v) => formatCount(v))),
    withLine(tile("Error rate", formatPercent(n(body.error_rate)), "failed / calls", "error_rate"),
      changeLine(body, "error_rate", formatPercent)),
    tile("Error types", formatCount(types.length), types.length ? `top: ${safeLabel(types[0].error_type)}` : "none in range")),
  el("figure", {}, el("figcaption", {}, "Failed calls per step, top error types"), chart),
  el("div", { class: "grid2" },
    dataTable({ id: "errors-types", caption: "Error types", rows: types, exportUrl: url + "&table=types",
      filterKey: "error_type", sort: { key: "errors", desc: true },
      columns: [
        { key: "error_type", label: "Error type", fmt: (v) => el("a", { href: eventsHref(ctx, s(v)), class: "type-link" }, safeLabel(v)) },
        { key: "errors", label: "Failed", numeric: true, fmt: (v) => formatCount(n(v)) },
        { key: "rate", label: "Per call", numeric: true, fmt: (v) => formatPercent(n(v)) },
        { key: "share", label: "Share", numeric: true, fmt: (v) => formatPercent(n(v)) },
      ] }),
    dataTable({ id: "errors-by", caption: by === "model" ? "Models by failed calls" : "Agents by failed calls", rows: byRows,
      exportUrl: url + "&table=by", filterKey: byKey, sort: { key: "errors", desc: true },
      columns: [
        { key: byKey, label: by === "model" ? "Model" : "Agent", fmt: (v) => (byKey === "agent_id" ? agentLink(s(v), ctx) : safeLabel(v)) },
        { key: "errors", label: "Failed", numeric: true, fmt: (v) => formatCount(n(v)) },
        { key: "error_rate", label: "Error rate", numeric: true, fmt: (v) => formatPercent(n(v)) },
        { key: "top_error_type", label: "Top type", fmt: (v, r) => (v === null || v === undefined ? "\u2014"
          : el("a", { href: eventsHref(ctx, s(v), { [byKey === "agent_id" ? "agent" : "model"]: s(r[byKey]) }) }, safeLabel(v))) },
        { key: "top_type_errors", label: "of it", numeric: true, fmt: (v) => formatCount(n(v)) },
      ] })));
  const trend = (body.trend ?? {}) as { t?: unknown[]; series?: unknown };
  const series = rows(trend.series);
  requestAnimationFrame(() => {
    const c = new LineChart(chart, (v) => formatCount(v), { min0: true });
    const compared = ctx.state.compare;
    const labels = series.map((x) => safeLabel(x.key));
    const values = series.map((x) => (Array.isArray(x.values) ? x.values.map((v) => n(v)) : []));
    const previous = compared ? series.map((x) => (Array.isArray(x.previous) ? x.previous.map((v) => n(v)) : [])) : [];
    c.update(compared ? [...labels, ...labels.map((l) => `${l} (previous)`)] : labels,
      [(Array.isArray(trend.t) ? trend.t : []).map((t) => (n(t) ?? 0) / 1000), ...values, ...previous]);
    ctx.charts.push(c);
  });
}

function withLine(t: HTMLElement, line: HTMLElement | null): HTMLElement {
  if (line) t.append(line);
  return t;
}
