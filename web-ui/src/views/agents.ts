// Agents: the fleet table with sparklines, and one agent's page.

import { el, sparkline } from "../dom";
import { formatCount, formatMs, formatPercent, formatUsd, safeLabel } from "../format";
import { agentHostPanel } from "./hosts";
import { dataTable, type Column } from "./table";
import { changeLine, nestedRow } from "./change";
import { ago, badge, heading, n, rows, s, stamp, tile, type Row, type ViewContext } from "./context";

export const agentLink = (id: string, ctx: ViewContext): HTMLAnchorElement =>
  el("a", { href: `#/agents/${encodeURIComponent(id)}?range=${ctx.state.range}`, class: "agent-link", title: id }, safeLabel(id));
export const eventLink = (id: string, label: string): HTMLAnchorElement =>
  el("a", { href: `#/events/${encodeURIComponent(id)}`, class: "event-link" }, label);

export const METRIC_COLUMNS: Column[] = [
  { key: "count", label: "Requests", numeric: true, fmt: (v) => formatCount(n(v)) },
  { key: "error_rate", label: "Error rate", numeric: true, fmt: (v) => formatPercent(n(v)) },
  { key: "p95_ms", label: "p95", numeric: true, fmt: (v) => formatMs(n(v)) },
  { key: "input_tokens", label: "Tokens in", numeric: true, fmt: (v) => formatCount(n(v)) },
  { key: "output_tokens", label: "Tokens out", numeric: true, fmt: (v) => formatCount(n(v)) },
  { key: "cost_usd", label: "Cost", numeric: true, fmt: (v) => formatUsd(n(v)) },
];

export async function renderAgents(root: HTMLElement, ctx: ViewContext): Promise<void> {
  const url = ctx.url("/api/v1/agents");
  const [body, spark] = await Promise.all([
    ctx.get(url),
    ctx.get(ctx.url("/api/v1/timeseries", { metric: "requests", group_by: "agent", limit: 100, compare: null })).catch(() => null),
  ]);
  const lines = new Map<string, (number | null)[]>();
  for (const ser of rows((spark as Row | null)?.series)) lines.set(s(ser.key), Array.isArray(ser.values) ? ser.values as (number | null)[] : []);
  const table = dataTable({
    id: "agents-table", caption: "Agents", rows: rows(body.agents), exportUrl: url, filterKey: "agent_id",
    sort: { key: "count", desc: true },
    columns: [
      { key: "agent_id", label: "Agent", fmt: (v) => agentLink(s(v), ctx) },
      { key: "status", label: "Status", fmt: (v) => badge(s(v)) },
      { key: "spark", label: "Requests/min", fmt: (_v, r) => sparkline(lines.get(s(r.agent_id)) ?? [], `requests per minute of ${s(r.agent_id)}`) },
      ...METRIC_COLUMNS,
      { key: "last_seen", label: "Last seen", numeric: true, fmt: (v) => el("span", { title: stamp(v) }, ago(v)) },
    ],
  });
  root.append(heading("Agents", el("p", { class: "sub" },
    `${formatCount(n(body.active_agents))} active of ${formatCount(n(body.known_agents))} known${coveredNote(body)}`)), table);
}

// The API reads the fleet table in whole windows of a twelfth of the range at most (a year: 4-week
// windows) and says which range it covered; say it where it is more than the minute grid.
export function coveredNote(body: Row): string {
  const res = n(body.resolution_ms);
  if (res === null || res <= 60_000) return "";
  const unit = res % 86_400_000 === 0 ? `${res / 86_400_000}-day` : res % 3_600_000 === 0 ? `${res / 3_600_000}-hour` : `${res / 60_000}-minute`;
  return ` \u00b7 totals over whole ${unit} windows, ${stamp(body.from)} to ${stamp(body.to)}`;
}

const eventColumns = (ctx: ViewContext): Column[] => [
  { key: "event_time", label: "Time", numeric: true, fmt: (v, r) => eventLink(s(r.event_id), stamp(v)) },
  { key: "model", label: "Model", fmt: (v) => safeLabel(v) },
  { key: "operation", label: "Operation", fmt: (v) => safeLabel(v) },
  { key: "latency_ms", label: "Latency", numeric: true, fmt: (v) => formatMs(n(v)) },
  { key: "status", label: "Status", fmt: (v) => badge(s(v)) },
  { key: "error_type", label: "Error", fmt: (v) => s(v) },
  { key: "agent_id", label: "Agent", fmt: (v) => agentLink(s(v), ctx) },
];

export async function renderAgent(root: HTMLElement, ctx: ViewContext, id: string): Promise<void> {
  const url = ctx.url(`/api/v1/agents/${encodeURIComponent(id)}`);
  const body = await ctx.get(url);
  const t = nestedRow(body, "totals");
  const withChange = (tileEl: HTMLElement, key: string, fmt: (v: number | null) => string) => {
    const line = changeLine(t, key, fmt);
    if (line) tileEl.append(line);
    return tileEl;
  };
  root.append(heading(`Agent ${safeLabel(id)}`, el("a", { href: `#/agents?range=${ctx.state.range}` }, "\u2190 all agents")),
    el("section", { class: "tiles" },
      withChange(tile("Requests", formatCount(n(t.count))), "count", formatCount),
      withChange(tile("Error rate", formatPercent(n(t.error_rate))), "error_rate", formatPercent),
      withChange(tile("p95 latency", formatMs(n(t.p95_ms)), `p50 ${formatMs(n(t.p50_ms))} \u00b7 p99 ${formatMs(n(t.p99_ms))}`), "p95_ms", formatMs),
      withChange(tile("Cost", formatUsd(n(t.cost_usd)), `${formatCount(n(t.input_tokens))} in \u00b7 ${formatCount(n(t.output_tokens))} out`), "cost_usd", formatUsd),
      tile("Last seen", ago(body.last_seen), stamp(body.last_seen))));
  const grid = el("div", { class: "grid2" });
  grid.append(
    dataTable({ id: "agent-models", caption: "By model", rows: rows(body.by_model), exportUrl: url + "&table=by_model",
      columns: [{ key: "model", label: "Model", fmt: (v) => safeLabel(v) }, ...METRIC_COLUMNS] }),
    dataTable({ id: "agent-operations", caption: "By operation", rows: rows(body.by_operation), exportUrl: url + "&table=by_operation",
      columns: [{ key: "operation", label: "Operation", fmt: (v) => safeLabel(v) }, ...METRIC_COLUMNS] }),
    dataTable({ id: "agent-tools", caption: "Tool calls", rows: rows(body.tools), exportUrl: url + "&table=tools",
      columns: [{ key: "tool", label: "Tool", fmt: (v) => safeLabel(v) },
        { key: "count", label: "Calls", numeric: true, fmt: (v) => formatCount(n(v)) },
        { key: "errors", label: "Errors", numeric: true, fmt: (v) => formatCount(n(v)) },
        { key: "success_rate", label: "Success", numeric: true, fmt: (v) => formatPercent(n(v)) }] }),
    await agentHostPanel(ctx, id));
  root.append(grid,
    dataTable({ id: "agent-errors", caption: "Recent errors", rows: rows(body.recent_errors), exportUrl: url + "&table=recent_errors",
      columns: eventColumns(ctx), empty: "No errors in this range." }),
    dataTable({ id: "agent-slowest", caption: "Slowest calls", rows: rows(body.slowest), exportUrl: url + "&table=slowest",
      columns: eventColumns(ctx) }));
}
