// Dimensions: pick a slicing dimension (AGENTPULSE_DIMENSIONS) and see its values over the range:
// calls, error rate, p95, tokens and cost per value with the change against the previous period and a
// CSV export (GET /api/v1/dimensions/:name), and calls over time by value (timeseries group_by=<name>).
// A value's button sets the global filter. Values are agent-sent: text only (el(), safeLabel, uPlot's
// legend writes textContent).

import { el } from "../dom";
import { LineChart, type Columns } from "../charts";
import { formatCount, formatMs, formatPercent, formatUsd, safeLabel } from "../format";
import { frameBatcher } from "../state";
import { sameSlice } from "../slice";
import { parseDimensions } from "../slice-picker";
import { dataTable } from "./table";
import { heading, n, rows, s, type Row, type ViewContext } from "./context";

/** Values drawn in the chart (the palette has 8 colours); the table lists every value. */
export const TOP_VALUES = 8;

/**
 * uPlot's columns in buffers allocated once per shape (points x series) and filled in place, so a
 * refresh of the same range reuses its arrays instead of allocating new ones.
 */
export class ColumnBuffers {
  private cols: number[][] = [];

  /** Fills from a /timeseries answer: t in seconds, one column per series (null, no rows: 0 calls). */
  fill(body: Row): { labels: string[]; data: Columns } {
    const t = Array.isArray(body.t) ? body.t : [];
    const series = rows(body.series).slice(0, TOP_VALUES).filter((x) => Array.isArray(x.values) && x.values.length === t.length);
    const width = series.length + 1;
    if (this.cols.length !== width || (this.cols[0]?.length ?? -1) !== t.length) {
      this.cols = Array.from({ length: width }, () => new Array<number>(t.length).fill(0));
    }
    for (let i = 0; i < t.length; i++) this.cols[0][i] = (n(t[i]) ?? 0) / 1000;
    series.forEach((x, k) => {
      const values = x.values as unknown[];
      const col = this.cols[k + 1];
      for (let i = 0; i < t.length; i++) col[i] = n(values[i]) ?? 0;
    });
    return { labels: series.map((x) => safeLabel(x.key)), data: this.cols as Columns };
  }
}

const buffers = new ColumnBuffers();

export async function renderDimensions(root: HTMLElement, ctx: ViewContext): Promise<void> {
  // The breakdown is of the whole fleet: the API refuses a slice beside it (one dimension at a time).
  const list = parseDimensions(await ctx.get(ctx.url("/api/v1/dimensions", { compare: null }, { slice: false })));
  if (list.length === 0) {
    root.append(heading("Dimensions"), el("p", { class: "empty" }, "No slicing dimensions are configured (AGENTPULSE_DIMENSIONS)."));
    return;
  }
  const p = ctx.state.params;
  const name = list.some((d) => d.name === p.dimension) ? p.dimension : list[0].name;
  const url = ctx.url(`/api/v1/dimensions/${encodeURIComponent(name)}`, {}, { slice: false });
  const tsUrl = ctx.url("/api/v1/timeseries", { metric: "requests", group_by: name, limit: TOP_VALUES, compare: null }, { slice: false });
  const [body, ts] = await Promise.all([ctx.get(url), ctx.get(tsUrl).catch(() => null)]);
  const pick = el("select", { id: "dimension-pick", "aria-label": "Dimension" },
    ...list.map((d) => el("option", { value: d.name, selected: d.name === name }, d.name)));
  pick.addEventListener("change", () => ctx.nav({ params: { ...p, dimension: pick.value } }));
  const active = ctx.state.slice;
  const valueButton = (v: string) => {
    const chosen = sameSlice(active, { dimension: name, value: v });
    return el("button", { type: "button", class: "dim-value", "aria-pressed": chosen ? "true" : "false", title: `Filter every view by ${name} = ${safeLabel(v)}`,
      onclick: () => ctx.nav({ slice: chosen ? null : { dimension: name, value: v } }) }, safeLabel(v));
  };
  const chart = el("div", { class: "chart", id: "dimension-chart", role: "group", "aria-label": `Calls per step by ${name}` });
  root.append(heading("Dimensions", pick),
    active ? el("p", { class: "slice-note" }, `This view breaks down the whole fleet: the filter on ${active.dimension} applies to the other views.`) : "",
    el("figure", {}, el("figcaption", {}, `Calls per step by ${name}, top ${TOP_VALUES} values`), chart),
    dataTable({
      id: "dimension-values", caption: `Values of ${name}`, rows: rows(body.values), exportUrl: url, filterKey: "value",
      sort: { key: "count", desc: true },
      columns: [
        { key: "value", label: name, fmt: (v) => valueButton(s(v)) },
        { key: "count", label: "Calls", numeric: true, fmt: (v) => formatCount(n(v)) },
        { key: "error_rate", label: "Error rate", numeric: true, fmt: (v) => formatPercent(n(v)) },
        { key: "p95_ms", label: "p95", numeric: true, fmt: (v) => formatMs(n(v)) },
        { key: "input_tokens", label: "Tokens in", numeric: true, fmt: (v) => formatCount(n(v)) },
        { key: "output_tokens", label: "Tokens out", numeric: true, fmt: (v) => formatCount(n(v)) },
        { key: "cost_usd", label: "Cost", numeric: true, fmt: (v) => formatUsd(n(v)) },
        { key: "share", label: "Share", numeric: true, fmt: (v) => formatPercent(n(v)) },
      ],
      empty: `No calls with a ${name} in this range.`,
    }));
  if (!ts) return;
  // One draw in the next animation frame, once the view is in the page (uPlot measures its container).
  const draw = frameBatcher(() => {
    if (!chart.isConnected) return; // the operator moved on before the frame
    const { labels, data } = buffers.fill(ts as Row);
    const c = new LineChart(chart, (v) => formatCount(v), { min0: true });
    c.update(labels, data);
    ctx.charts.push(c);
  }, requestAnimationFrame);
  draw();
}
