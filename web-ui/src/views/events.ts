// Events: recent calls with filters and pages; one call's detail.

import { el } from "../dom";
import { formatCount, formatMs, formatUsd, safeLabel } from "../format";
import { dataTable } from "./table";
import { agentLink, eventLink } from "./agents";
import { badge, heading, n, rows, s, stamp, type ViewContext } from "./context";

const FILTERS = ["agent", "model", "operation", "status", "error_type", "min_latency_ms"] as const;
export const PAGE = 50;

export async function renderEvents(root: HTMLElement, ctx: ViewContext): Promise<void> {
  const p = ctx.state.params;
  const offset = Math.max(0, Number(p.offset ?? 0) || 0);
  const url = ctx.url("/api/v1/events", { agent: p.agent, model: p.model, operation: p.operation, status: p.status,
    error_type: p.error_type, min_latency_ms: p.min_latency_ms, offset, limit: PAGE });
  const body = await ctx.get(url);
  const form = el("form", { class: "filters", "aria-label": "Event filters" });
  for (const f of FILTERS) {
    const input = f === "status"
      ? el("select", { name: f, id: `f-${f}` }, ...["", "ok", "error"].map((v) => el("option", { value: v, selected: (p.status ?? "").toLowerCase() === v }, v || "any")))
      : el("input", { name: f, id: `f-${f}`, type: f === "min_latency_ms" ? "number" : "text", value: p[f] ?? "", min: f === "min_latency_ms" ? 0 : undefined });
    form.append(el("label", { for: `f-${f}` }, f === "min_latency_ms" ? "latency \u2265 ms" : f), input);
  }
  form.append(el("button", { type: "submit" }, "Apply"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const params: Record<string, string> = {};
    for (const f of FILTERS) params[f] = String(data.get(f) ?? "").trim();
    ctx.nav({ params });
  });
  const page = (delta: number) => ctx.nav({ params: { ...p, offset: String(Math.max(0, offset + delta)) } });
  root.append(heading("Events"), form, dataTable({
    id: "events-table", caption: "Recent calls", rows: rows(body.events), exportUrl: url,
    columns: [
      { key: "event_time", label: "Time", numeric: true, fmt: (v, r) => eventLink(s(r.event_id), stamp(v)) },
      { key: "agent_id", label: "Agent", fmt: (v) => agentLink(s(v), ctx) },
      { key: "model", label: "Model", fmt: (v) => safeLabel(v) },
      { key: "operation", label: "Operation", fmt: (v) => safeLabel(v) },
      { key: "latency_ms", label: "Latency", numeric: true, fmt: (v) => formatMs(n(v)) },
      { key: "input_tokens", label: "In", numeric: true, fmt: (v) => formatCount(n(v)) },
      { key: "output_tokens", label: "Out", numeric: true, fmt: (v) => formatCount(n(v)) },
      { key: "cost_usd", label: "Cost", numeric: true, fmt: (v) => formatUsd(n(v)) },
      { key: "status", label: "Status", fmt: (v) => badge(s(v)) },
      { key: "error_type", label: "Error", fmt: (v) => s(v) },
    ],
  }), el("nav", { class: "pager", "aria-label": "Pages" },
    el("button", { type: "button", disabled: offset === 0, onclick: () => page(-PAGE) }, "\u2190 Newer"),
    el("span", {}, `rows ${offset + 1}\u2013${offset + rows(body.events).length}`),
    el("button", { type: "button", disabled: body.has_more !== true, onclick: () => page(PAGE) }, "Older \u2192")));
}

export async function renderEvent(root: HTMLElement, ctx: ViewContext, id: string): Promise<void> {
  const e = await ctx.get(`/api/v1/events/${encodeURIComponent(id)}`);
  const dl = el("dl", { class: "detail", id: "event-detail" });
  for (const [k, v] of Object.entries(e)) {
    if (k === "attributes" || v === null) continue;
    dl.append(el("dt", {}, k), el("dd", { "data-field": k }, k === "event_time" ? `${stamp(v)} (${s(v)})` : s(v)));
  }
  const attrs = (typeof e.attributes === "object" && e.attributes !== null ? e.attributes : {}) as Record<string, unknown>;
  root.append(heading(`Call ${safeLabel(id)}`, el("a", { href: "#/events" }, "\u2190 events"),
    el("span", {}, " "), agentLink(s(e.agent_id), ctx), el("span", {}, " "), badge(s(e.status))),
  el("section", { class: "panel" }, el("h2", {}, "Fields"), dl),
  el("section", { class: "panel" }, el("h2", {}, "Attributes"),
    el("dl", { class: "detail" }, ...Object.entries(attrs).flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, s(v))]))));
}
