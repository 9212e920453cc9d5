// Hosts: the fleet's hosts from heartbeats (host rollups, any range), CPU and memory over the range,
// and the same host chart on an agent's page. Host and agent names come from agents: they are
// written as text (el/textContent) and shown through safeLabel; none is ever parsed as markup.

import { el } from "../dom";
import { LineChart, type Columns } from "../charts";
import { formatCount, formatPercent, safeLabel } from "../format";
import { dataTable } from "./table";
import { ago, heading, n, rows, s, stamp, tile, type Row, type ViewContext } from "./context";
import { agentLink } from "./agents";

/** Bytes as GiB/MiB text. */
export function formatBytes(v: number | null): string {
  if (v === null) return "\u2014";
  if (v >= 2 ** 30) return `${(v / 2 ** 30).toFixed(2)} GiB`;
  return `${(v / 2 ** 20).toFixed(0)} MiB`;
}

/**
 * The columnar arrays uPlot takes, from /api/v1/hosts/timeseries: one column per host of one metric
 * (cpu_max as percent, memory_max_bytes as GiB), x in seconds. Labels are the hosts' safe labels.
 */
export function hostColumns(body: Row, metric: "cpu_max" | "cpu_avg" | "memory_max_bytes" | "memory_avg_bytes",
  withPrevious = false): { labels: string[]; data: Columns } {
  const t = Array.isArray(body.t) ? (body.t as unknown[]).map((x) => (n(x) ?? 0) / 1000) : [];
  const scale = metric.startsWith("cpu") ? 100 : 1 / 2 ** 30;
  const labels: string[] = [];
  const data: Columns = [t];
  for (const ser of rows(body.series)) {
    if (ser.metric !== metric) continue;
    labels.push(safeLabel(s(ser.host)));
    const values = Array.isArray(ser.values) ? ser.values as unknown[] : [];
    data.push(t.map((_x, i) => { const v = n(values[i]); return v === null ? null : v * scale; }));
  }
  if (withPrevious) { // compare: each host's previous period (same steps one period earlier) as its own line
    for (const ser of rows(body.series)) {
      if (ser.metric !== metric) continue;
      labels.push(`${safeLabel(s(ser.host))} (previous)`);
      const values = Array.isArray(ser.previous) ? ser.previous as unknown[] : [];
      data.push(t.map((_x, i) => { const v = n(values[i]); return v === null ? null : v * scale; }));
    }
  }
  return { labels, data };
}

const hostLink = (host: string, ctx: ViewContext): HTMLAnchorElement =>
  el("a", { href: `#/hosts?range=${ctx.state.range}&host=${encodeURIComponent(host)}`, class: "host-link", title: host }, safeLabel(host));

const STATUS_CLASS: Record<string, string> = { ok: "green", hot: "red", silent: "silent" };
const statusBadge = (v: unknown): HTMLElement =>
  el("span", { class: `badge ${STATUS_CLASS[s(v)] ?? "unknown"}` }, s(v) || "unknown");

export async function renderHosts(root: HTMLElement, ctx: ViewContext): Promise<void> {
  const host = ctx.state.params.host || null;
  const url = ctx.url("/api/v1/hosts");
  const [body, series] = await Promise.all([ctx.get(url), ctx.get(ctx.url("/api/v1/hosts/timeseries", { host, limit: 10 }))]);
  const hosts = rows(body.hosts);
  const count = (st: string) => hosts.filter((h) => h.status === st).length;
  const peak = hosts.reduce<number | null>((m, h) => { const v = n(h.cpu_max); return v === null ? m : Math.max(m ?? 0, v); }, null);
  root.append(heading("Hosts", el("p", { class: "sub" }, host === null
    ? `${formatCount(hosts.length)} hosts reporting heartbeats in this range`
    : el("span", {}, "Host ", el("strong", {}, safeLabel(host)), " \u00b7 ", el("a", { href: `#/hosts?range=${ctx.state.range}` }, "all hosts")))),
  el("section", { class: "tiles" },
    tile("Hosts", formatCount(hosts.length), "with heartbeats in range", "hosts"),
    tile("Hot", formatCount(count("hot")), "newest CPU \u2265 90%", "hot"),
    tile("Silent", formatCount(count("silent")), "no heartbeat for 2 min", "silent"),
    tile("Peak CPU", formatPercent(peak), "highest sample in range", "peak-cpu")));
  const total = n(series.hosts_total) ?? 0;
  const shown = rows(series.series).length / 4;
  root.append(hostCharts(ctx, series, total > shown ? `the ${shown} hosts with the highest peak CPU of ${total}` : null),
    dataTable({ id: "hosts-table", caption: "Hosts", rows: hosts, exportUrl: url, filterKey: "host", sort: { key: "cpu_max", desc: true },
      empty: "No heartbeats in this range.",
      columns: [
        { key: "host", label: "Host", fmt: (v) => hostLink(s(v), ctx) },
        { key: "status", label: "Status", fmt: statusBadge },
        { key: "agents", label: "Agents", fmt: (v) => el("span", { class: "agent-list" },
          ...(Array.isArray(v) ? (v as unknown[]).slice(0, 5).flatMap((a, i) => [i > 0 ? ", " : "", agentLink(s(a), ctx)]) : []),
          Array.isArray(v) && v.length > 5 ? ` +${v.length - 5}` : "") },
        { key: "cpu", label: "CPU now", numeric: true, fmt: (v) => formatPercent(n(v)) },
        { key: "cpu_avg", label: "CPU mean", numeric: true, fmt: (v) => formatPercent(n(v)) },
        { key: "cpu_max", label: "CPU peak", numeric: true, fmt: (v) => formatPercent(n(v)) },
        { key: "memory_bytes", label: "Memory now", numeric: true, fmt: (v) => formatBytes(n(v)) },
        { key: "memory_max_bytes", label: "Memory peak", numeric: true, fmt: (v) => formatBytes(n(v)) },
        { key: "last_seen", label: "Last seen", numeric: true, fmt: (v) => el("span", { title: stamp(v) }, ago(v)) },
      ] }));
}

/** CPU and memory charts (peak per step, one line per host) from a /api/v1/hosts/timeseries answer. */
export function hostCharts(ctx: ViewContext, series: Row, note: string | null): HTMLElement {
  const cpuEl = el("div", { class: "chart", role: "group", "aria-label": "Host CPU over time" });
  const memEl = el("div", { class: "chart", role: "group", "aria-label": "Host memory over time" });
  const grid = el("div", { class: "grid2 host-charts" },
    el("figure", {}, el("figcaption", {}, "CPU % (peak per step)", note ? ` \u00b7 ${note}` : ""), cpuEl),
    el("figure", {}, el("figcaption", {}, "Memory GiB (peak per step)"), memEl));
  const cpu = hostColumns(series, "cpu_max", ctx.state.compare);
  if (cpu.labels.length === 0) {
    cpuEl.append(el("p", { class: "empty" }, "No heartbeats in this range."));
    memEl.append(el("p", { class: "empty" }, "No heartbeats in this range."));
    return grid;
  }
  requestAnimationFrame(() => {
    const c = new LineChart(cpuEl, (v) => (v === null ? "\u2014" : `${v.toFixed(0)}%`), { min0: true, autoPoints: true });
    c.update(cpu.labels, cpu.data);
    const mem = hostColumns(series, "memory_max_bytes", ctx.state.compare);
    const m = new LineChart(memEl, (v) => (v === null ? "\u2014" : v.toFixed(2)), { min0: true, autoPoints: true });
    m.update(mem.labels, mem.data);
    ctx.charts.push(c, m);
  });
  return grid;
}

/** The agent page's host panel: the hosts this agent's heartbeats came from, from the same host rollups. */
export async function agentHostPanel(ctx: ViewContext, agent: string): Promise<HTMLElement> {
  const series = await ctx.get(ctx.url("/api/v1/hosts/timeseries", { agent, limit: 5 })).catch(() => ({} as Row));
  return el("section", { class: "panel host-panel", "aria-label": "Host resources" },
    el("div", { class: "panel-head" }, el("h2", {}, "Host resources"),
      el("a", { href: `#/hosts?range=${ctx.state.range}` }, "all hosts")),
    hostCharts(ctx, series, null));
}
