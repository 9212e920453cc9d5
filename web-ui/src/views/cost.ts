// Cost: per day stacked by model with the daily budget line, by agent, cost per request, month-end projection.

import { el, svg } from "../dom";
import { formatUsd, safeLabel } from "../format";
import { pricePanels } from "./prices";
import { dataTable } from "./table";
import { exportLink } from "./table";
import { heading, n, rows, s, tile, type Row, type ViewContext } from "./context";
import { changeLine } from "./change";

export async function renderCost(root: HTMLElement, ctx: ViewContext): Promise<void> {
  const url = ctx.url("/api/v1/cost");
  const body = await ctx.get(url);
  const budget = n(body.budget_monthly_usd);
  const projection = n(body.month_projection_usd);
  root.append(heading("Cost"), el("section", { class: "tiles" },
    withLines(tile("Cost in range", formatUsd(n(body.total_usd)), `${formatUsd(n(body.cost_per_request))} per request`),
      changeLine(body, "total_usd", formatUsd, "cost"), changeLine(body, "cost_per_request", formatUsd, "per request")),
    tile("Today", formatUsd(n(body.today_usd)), `yesterday ${formatUsd(n(body.yesterday_usd))}`),
    tile("Month to date", formatUsd(n(body.month_to_date_usd)), budget === null ? "no budget set" : `budget ${formatUsd(budget)}`),
    tile("Month-end projection", formatUsd(projection),
      budget === null ? "at the current pace" : projection !== null && projection > budget ? "over budget" : "within budget")),
  stackedDays(body.by_day as Row, budget, url + "&table=by_day"),
  el("div", { class: "grid2" },
    dataTable({ id: "cost-agents", caption: "Cost by agent", rows: rows(body.by_agent), exportUrl: url + "&table=by_agent",
      filterKey: "agent_id", sort: { key: "cost_usd", desc: true },
      columns: [{ key: "agent_id", label: "Agent", fmt: (v) => safeLabel(v) },
        { key: "cost_usd", label: "Cost", numeric: true, fmt: (v) => formatUsd(n(v)) },
        { key: "cost_per_request", label: "Per request", numeric: true, fmt: (v) => formatUsd(n(v)) }] }),
    dataTable({ id: "cost-models", caption: "Cost by model", rows: rows(body.by_model), exportUrl: url + "&table=by_model",
      sort: { key: "cost_usd", desc: true },
      columns: [{ key: "model", label: "Model", fmt: (v) => safeLabel(v) },
        { key: "cost_usd", label: "Cost", numeric: true, fmt: (v) => formatUsd(n(v)) },
        { key: "cost_per_request", label: "Per request", numeric: true, fmt: (v) => formatUsd(n(v)) }] })));
  // budgets, price versions, repricing (views/prices.ts); the cost figures above stay if these fail
  root.append(await pricePanels((u) => ctx.get(u)).catch((e: Error) => el("p", { class: "empty" }, `Prices: ${e.message}`)));
}

/** The tile with extra lines (the changes against the previous period, when compared). */
function withLines(t: HTMLElement, ...lines: (HTMLElement | null)[]): HTMLElement {
  lines.forEach((l) => { if (l) t.append(l); });
  return t;
}

/**
 * Stacked bars per UTC day (SVG), a dashed line at the daily share of the monthly budget, and with
 * compare on, a dashed mark across each day at the total of the day one period earlier.
 */
function stackedDays(byDay: Row | undefined, budget: number | null, csv: string): HTMLElement {
  const t = Array.isArray(byDay?.t) ? (byDay?.t as number[]) : [];
  const series = rows(byDay?.series);
  const totals = t.map((_, i) => series.reduce((a, ser) => a + (n((ser.values as unknown[])[i]) ?? 0), 0));
  // The previous period's day totals, where a day pairs with one (none when the period is under a day).
  const previous = t.map((_, i) => {
    const vals = series.map((ser) => n((ser.previous as unknown[] | undefined)?.[i]));
    return vals.some((v) => v !== null) ? vals.reduce<number>((a, v) => a + (v ?? 0), 0) : null;
  });
  const compared = previous.some((v) => v !== null);
  const daily = budget === null ? null : budget / 30;
  const max = Math.max(1e-9, ...totals, ...previous.map((v) => v ?? 0), daily ?? 0) * 1.1;
  const W = 900, H = 200, pad = 4, bw = t.length ? (W - pad * 2) / t.length : 0;
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "stack", role: "img", "aria-label": "Cost per day stacked by model" });
  t.forEach((day, i) => {
    let y = H;
    series.forEach((ser, k) => {
      const v = n((ser.values as unknown[])[i]) ?? 0;
      const h = (v / max) * H;
      y -= h;
      const rect = svg("rect", { x: pad + i * bw + 1, y, width: Math.max(1, bw - 2), height: h, fill: `var(--s${k % 8})` });
      const title = svg("title", {});
      title.textContent = `${new Date(day).toISOString().slice(0, 10)} ${safeLabel(ser.key)}: ${formatUsd(v)}`;
      rect.appendChild(title);
      chart.appendChild(rect);
    });
  });
  if (daily !== null) {
    const y = H - (daily / max) * H;
    chart.appendChild(svg("line", { x1: 0, x2: W, y1: y, y2: y, class: "budget-line" }));
  }
  previous.forEach((v, i) => {
    if (v === null) return;
    const y = (H - (v / max) * H).toFixed(1);
    const mark = svg("line", { x1: pad + i * bw, x2: pad + (i + 1) * bw, y1: y, y2: y, class: "previous-line" });
    const title = svg("title", {});
    title.textContent = `${new Date(t[i]).toISOString().slice(0, 10)}, one period earlier: ${formatUsd(v)}`;
    mark.appendChild(title);
    chart.appendChild(mark);
  });
  const legend = el("ul", { class: "legend" }, ...series.map((ser, k) =>
    el("li", {}, el("span", { class: "swatch", style: `background:var(--s${k % 8})` }), safeLabel(ser.key))),
    compared ? el("li", { "data-k": "previous-period" }, el("span", { class: "swatch previous" }), "previous period (the day one period earlier)") : null,
    daily === null ? null : el("li", {}, el("span", { class: "swatch budget" }), `budget per day ${formatUsd(daily)}`));
  return el("section", { class: "panel", "aria-label": "Cost per day" },
    el("div", { class: "panel-head" }, el("h2", {}, "Cost per day by model (UTC days)"), el("div", { class: "table-tools" }, exportLink(csv, "cost-by-day"))),
    chart, legend, el("p", { class: "sub" }, `${t.length} days, total ${formatUsd(totals.reduce((a, b) => a + b, 0))}`, s("")));
}
