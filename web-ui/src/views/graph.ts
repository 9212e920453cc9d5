// Graph: which agents call which (agent_calls, kept by the processor's call-graph job from parent spans).
// A circle layout in SVG (no layout library): one node per agent with calls in the range, one arrow per
// caller -> callee, its width by rate and its colour by error rate; the edge table beside it (CSV);
// choosing an edge (arrow or row) lists its calls, each linking to the call's detail in Events.
// Agent names are untrusted: they go into text nodes and attributes only, through safeLabel.

import { el, svg } from "../dom";
import "../graph.css";
import { formatCount, formatMs, formatPercent, formatRate, safeLabel } from "../format";
import { dataTable } from "./table";
import { agentLink, eventLink } from "./agents";
import { badge, heading, n, rows, s, stamp, tile, type Row, type ViewContext } from "./context";

/** Error-rate class of an edge: ok below 1%, warn below 5%, bad from 5%. */
export function errorClass(rate: number | null): "ok" | "warn" | "bad" {
  const r = rate ?? 0;
  return r >= 0.05 ? "bad" : r >= 0.01 ? "warn" : "ok";
}

/** Stroke width of an edge, 1.5..8 px by its share of the busiest edge's rate. */
export function edgeWidth(rate: number | null, maxRate: number): number {
  return 1.5 + 6.5 * Math.min(1, Math.max(0, (rate ?? 0) / (maxRate || 1)));
}

/** Node centres on a circle (first at the top, clockwise), in a size x size box. */
export function circleLayout(ids: string[], size: number): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  const r = ids.length <= 1 ? 0 : size / 2 - 70;
  ids.forEach((id, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, ids.length);
    out.set(id, { x: size / 2 + r * Math.cos(a), y: size / 2 + r * Math.sin(a) });
  });
  return out;
}

const SIZE = 560;
const NODE_R = 14;

type Point = { x: number; y: number };

/** One caller -> callee arrow, offset sideways so that a -> b and b -> a do not overlap; Enter or a click picks it. */
function edgeLine(e: Row, a: Point, b: Point, maxRate: number, chosen: boolean, pick: (e: Row) => void): SVGElement {
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const ux = (b.x - a.x) / len;
  const uy = (b.y - a.y) / len;
  const ox = -uy * 4;
  const oy = ux * 4;
  const title = svg("title", {});
  title.textContent = `${safeLabel(e.caller)} \u2192 ${safeLabel(e.callee)}: ${formatRate(n(e.rate_per_min))}, `
    + `${formatPercent(n(e.error_rate))} errors, p95 ${formatMs(n(e.p95_ms))}`;
  const line = svg("line", {
    x1: a.x + ux * NODE_R + ox, y1: a.y + uy * NODE_R + oy, x2: b.x - ux * (NODE_R + 2) + ox, y2: b.y - uy * (NODE_R + 2) + oy,
    "stroke-width": edgeWidth(n(e.rate_per_min), maxRate).toFixed(1), "marker-end": "url(#graph-arrow)",
    class: `graph-edge ${errorClass(n(e.error_rate))}${chosen ? " chosen" : ""}`, tabindex: 0, role: "button",
    "aria-label": title.textContent, "data-caller": s(e.caller), "data-callee": s(e.callee),
  }, title);
  line.addEventListener("click", () => pick(e));
  line.addEventListener("keydown", (ev) => { if ((ev as KeyboardEvent).key === "Enter") pick(e); });
  return line;
}

function graphSvg(nodes: Row[], edges: Row[], pick: (e: Row) => void, chosen: string | null): SVGElement {
  const pos = circleLayout(nodes.map((x) => s(x.agent_id)), SIZE);
  const maxRate = Math.max(0, ...edges.map((e) => n(e.rate_per_min) ?? 0));
  const marker = svg("marker", { id: "graph-arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 16, markerHeight: 16,
    markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" },
    svg("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "graph-arrow" }));
  const lines = edges.map((e) => {
    const a = pos.get(s(e.caller));
    const b = pos.get(s(e.callee));
    return a && b ? edgeLine(e, a, b, maxRate, chosen === `${s(e.caller)}\u0000${s(e.callee)}`, pick) : null;
  }).filter((x): x is SVGElement => x !== null);
  const circles = nodes.map((x) => {
    const p = pos.get(s(x.agent_id)) ?? { x: 0, y: 0 };
    const label = svg("text", { x: p.x, y: p.y + NODE_R + 14, "text-anchor": "middle", class: "graph-label" });
    label.textContent = safeLabel(x.agent_id);
    const title = svg("title", {});
    title.textContent = `${safeLabel(x.agent_id)}: ${formatCount(n(x.calls_out))} calls out, ${formatCount(n(x.calls_in))} in`;
    return svg("g", { class: "graph-node", "data-agent": s(x.agent_id) },
      svg("circle", { cx: p.x, cy: p.y, r: NODE_R }, title), label);
  });
  return svg("svg", { viewBox: `0 0 ${SIZE} ${SIZE}`, class: "graph", role: "group", "aria-label": "Agents and their calls" },
    svg("defs", {}, marker), ...lines, ...circles);
}

export async function renderGraph(root: HTMLElement, ctx: ViewContext): Promise<void> {
  const p = ctx.state.params;
  const url = ctx.url("/api/v1/graph", { compare: null });
  const body = await ctx.get(url);
  const nodes = rows(body.nodes);
  const edges: Row[] = rows(body.edges).map((e) => ({ ...e, edge: `${s(e.caller)} \u2192 ${s(e.callee)}` }));
  const agents = (body.agents ?? {}) as Row;
  const chosen = p.caller && p.callee ? `${p.caller}\u0000${p.callee}` : null;
  const pick = (e: Row) => ctx.nav({ params: { ...p, caller: s(e.caller), callee: s(e.callee) } });
  const calls = edges.reduce((sum, e) => sum + (n(e.calls) ?? 0), 0);
  root.append(heading("Graph", el("p", { class: "sub" }, "Which agents call which: a span whose parent span is another agent's")),
    el("section", { class: "tiles" },
      tile("Agents in the graph", formatCount(n(agents.in_graph)), "calling or called in range", "in_graph"),
      tile("Active agents", formatCount(n(agents.active)), "heard of in range", "active"),
      tile("Total agents", formatCount(n(agents.total)), "ever seen", "total"),
      tile("Calls", formatCount(calls), `${formatCount(edges.length)} edges`, "calls")),
    el("div", { class: "graph-layout" },
      el("figure", { class: "graph-figure" }, el("figcaption", {}, "Width: calls per minute; colour: error rate (green < 1%, amber < 5%, red)"),
        edges.length ? graphSvg(nodes, edges, pick, chosen) : el("p", { class: "empty" }, "No agent-to-agent calls in this range.")),
      dataTable({ id: "graph-edges", caption: "Calls between agents", rows: edges, exportUrl: url + "&table=edges",
        filterKey: "edge", sort: { key: "calls", desc: true },
        columns: [
          { key: "caller", label: "Caller", fmt: (v) => agentLink(s(v), ctx) },
          { key: "callee", label: "Callee", fmt: (v) => agentLink(s(v), ctx) },
          { key: "calls", label: "Calls", numeric: true, fmt: (v, r) => el("button", { type: "button", class: "edge-calls", onclick: () => pick(r) }, formatCount(n(v))) },
          { key: "rate_per_min", label: "Rate", numeric: true, fmt: (v) => formatRate(n(v)) },
          { key: "error_rate", label: "Error rate", numeric: true, fmt: (v) => formatPercent(n(v)) },
          { key: "p95_ms", label: "p95", numeric: true, fmt: (v) => formatMs(n(v)) },
        ] })));
  if (p.caller && p.callee) root.append(await edgeCalls(ctx, p.caller, p.callee));
}

/** The calls of one edge, newest first, each linking to its detail (and its parent's) in Events. */
async function edgeCalls(ctx: ViewContext, caller: string, callee: string): Promise<HTMLElement> {
  const url = ctx.url("/api/v1/graph/calls", { compare: null, caller, callee, limit: 100 });
  const body = await ctx.get(url);
  const table = dataTable({ id: "graph-calls", caption: `Calls from ${safeLabel(caller)} to ${safeLabel(callee)}`, rows: rows(body.calls),
    exportUrl: url, sort: { key: "time", desc: true }, empty: "No calls of this edge in range (raw events may have expired).",
    columns: [
      { key: "time", label: "Time", numeric: true, fmt: (v, r) => eventLink(s(r.event_id), stamp(v)) },
      { key: "operation", label: "Operation", fmt: (v) => safeLabel(v) },
      { key: "latency_ms", label: "Latency", numeric: true, fmt: (v) => formatMs(n(v)) },
      { key: "status", label: "Status", fmt: (v) => badge(s(v)) },
      { key: "error_type", label: "Error type", fmt: (v) => (v ? safeLabel(v) : "") },
      { key: "parent_event_id", label: "Caller's span", fmt: (v) => eventLink(s(v), "parent") },
    ] });
  table.id = "graph-drill";
  return table;
}
