// Models: latency, error rate, tokens per call, output/input ratio, cost per model; the distribution.

import { el } from "../dom";
import { formatCount, formatMs, formatPercent, formatUsd, safeLabel } from "../format";
import { dataTable } from "./table";
import { heading, n, rows, s, type ViewContext } from "./context";

export async function renderModels(root: HTMLElement, ctx: ViewContext): Promise<void> {
  const url = ctx.url("/api/v1/models");
  const body = await ctx.get(url);
  const models = rows(body.models);
  const bars = el("section", { class: "panel", "aria-label": "Model distribution" },
    el("div", { class: "panel-head" }, el("h2", {}, "Distribution of calls")),
    el("ul", { class: "bars" }, ...models.slice(0, 12).map((m, i) => el("li", {},
      el("span", { class: "bar-label" }, safeLabel(m.model)),
      el("span", { class: "bar", style: `width:${Math.max(0.5, (n(m.share) ?? 0) * 100).toFixed(1)}%;background:var(--s${i % 8})` }),
      el("span", { class: "bar-value" }, formatPercent(n(m.share)))))));
  root.append(heading("Models"), bars, dataTable({
    id: "models-table", caption: "Models", rows: models, exportUrl: url, filterKey: "model", sort: { key: "count", desc: true },
    columns: [
      { key: "model", label: "Model", fmt: (v) => safeLabel(v) },
      { key: "count", label: "Calls", numeric: true, fmt: (v) => formatCount(n(v)) },
      { key: "error_rate", label: "Error rate", numeric: true, fmt: (v) => formatPercent(n(v)) },
      { key: "p50_ms", label: "p50", numeric: true, fmt: (v) => formatMs(n(v)) },
      { key: "p95_ms", label: "p95", numeric: true, fmt: (v) => formatMs(n(v)) },
      { key: "p99_ms", label: "p99", numeric: true, fmt: (v) => formatMs(n(v)) },
      { key: "tokens_per_call", label: "Tokens/call", numeric: true, fmt: (v) => formatCount(n(v) === null ? null : Math.round(n(v) as number)) },
      { key: "output_input_ratio", label: "Out/in", numeric: true, fmt: (v) => (n(v) === null ? "\u2014" : (n(v) as number).toFixed(2)) },
      { key: "cost_usd", label: "Cost", numeric: true, fmt: (v) => formatUsd(n(v)) },
      { key: "cost_per_call", label: "Cost/call", numeric: true, fmt: (v) => formatUsd(n(v)) },
      { key: "share", label: "Share", numeric: true, fmt: (v) => formatPercent(n(v)) },
    ],
  }));
  void s;
}
