// The Alerts view: firing and pending alerts (acknowledge, silence), recent history, silences and
// the rules list (create, edit, delete). Live: refreshed on every SSE `alert` / `alert-action` /
// `reset` event of its own stream (grp=none: no rollup frames), and every 30 s as a fallback.
// Everything user-visible is set through textContent: labels and summaries are never HTML.

import "./alerts.css";
import { LiveStream } from "./stream";

type Json = Record<string, unknown>;
const REFRESH_MS = 30_000;

async function call(method: string, url: string, body?: unknown): Promise<Json> {
  const res = await fetch(url, {
    method, headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? (JSON.parse(text) as Json) : {};
  if (!res.ok) throw new Error(String(json.error ?? `${method} ${url} answered ${res.status}`));
  return json;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function button(label: string, onClick: () => Promise<unknown>): HTMLButtonElement {
  const b = el("button", label);
  b.type = "button";
  b.addEventListener("click", () => { onClick().then(refresh, (e: Error) => problem(e.message)); });
  return b;
}

const when = (ms: unknown) => (typeof ms === "number" ? new Date(ms).toLocaleString() : "—");
const labelsOf = (a: Json) => (typeof a.labels === "string" ? JSON.parse(a.labels) : (a.labels ?? {})) as Record<string, string>;
const user = () => localStorage.getItem("agentpulse.user") || "operator";

function table(head: string[], rows: HTMLElement[][], empty: string): HTMLElement {
  if (rows.length === 0) return el("p", empty, "empty");
  const t = el("table");
  const tr = el("tr");
  head.forEach((h) => tr.append(el("th", h)));
  t.append(el("thead"), el("tbody"));
  t.tHead!.append(tr);
  for (const cells of rows) {
    const r = el("tr");
    cells.forEach((c) => { const td = el("td"); td.append(c); r.append(td); });
    t.tBodies[0].append(r);
  }
  return t;
}

const section = el("section", undefined, "alerts");
section.setAttribute("aria-label", "Alerts");
const status = el("p", "", "problem");
status.hidden = true;
const active = el("div");
const history = el("div");
const silences = el("div");
const rules = el("div");
section.append(el("h2", "Alerts"), status, el("h3", "Firing and pending"), active, el("h3", "Silences"), silences,
  el("h3", "Recent history"), history, el("h3", "Rules"), rules);
document.querySelector("main")?.append(section);

function problem(msg: string): void {
  status.textContent = msg;
  status.hidden = false;
}

function alertRow(a: Json, pending: boolean): HTMLElement[] {
  const l = labelsOf(a);
  const fp = String(a.fingerprint);
  const actions = el("span");
  if (!pending) {
    actions.append(a.acked_by
      ? button("Un-acknowledge", () => call("DELETE", `/api/v1/alerts/${fp}/ack`))
      : button("Acknowledge", () => {
        const comment = prompt("Comment (optional)") ?? "";
        return call("POST", `/api/v1/alerts/${fp}/ack`, { by: user(), comment });
      }));
  }
  actions.append(button("Silence 1 h", () => {
    const reason = prompt("Reason for the silence") ?? "";
    return call("POST", "/api/v1/silences", { matchers: { rule_id: a.rule_id, agent: l.agent ?? "*" }, duration: "PT1H", reason, by: user() });
  }));
  const ack = a.acked_by ? `acked by ${a.acked_by}${a.ack_comment ? ` — ${a.ack_comment}` : ""}` : "";
  return [el("span", pending ? "PENDING" : `FIRING · ${a.severity}`, pending ? "sev pending" : `sev ${String(a.severity).toLowerCase()}`),
    el("span", String(a.rule_name)), el("span", `${l.agent ?? "*"} / ${l.model ?? "*"} / ${l.operation ?? "*"}`),
    el("span", String(a.summary ?? "")), el("span", when(pending ? a.since : a.starts_at)), el("span", ack), actions];
}

async function loadActive(): Promise<void> {
  const r = await call("GET", "/api/v1/alerts");
  const rows = [...(r.firing as Json[]).map((a) => alertRow(a, false)), ...(r.pending as Json[]).map((a) => alertRow(a, true))];
  active.replaceChildren(table(["state", "rule", "series", "summary", "since", "ack", ""], rows, "Nothing is firing."));
}

async function loadHistory(): Promise<void> {
  const r = await call("GET", "/api/v1/alerts/history?limit=50");
  history.replaceChildren(table(["state", "rule", "series", "summary", "start", "end"], (r.alerts as Json[]).map((a) => {
    const l = labelsOf(a);
    return [el("span", `${a.state} · ${a.severity}`), el("span", String(a.rule_name)), el("span", `${l.agent ?? "*"} / ${l.model ?? "*"}`),
      el("span", String(a.summary ?? "")), el("span", when(a.starts_at)), el("span", when(a.ends_at))];
  }), "No alerts yet."));
}

async function loadSilences(): Promise<void> {
  const r = await call("GET", "/api/v1/silences");
  silences.replaceChildren(table(["matchers", "until", "reason", "by", ""], (r.silences as Json[]).map((s) => [
    el("code", typeof s.matchers === "string" ? s.matchers : JSON.stringify(s.matchers)), el("span", when(s.ends_at)),
    el("span", String(s.reason ?? "")), el("span", String(s.created_by ?? "")),
    button("Expire", () => call("DELETE", `/api/v1/silences/${s.id}`))]), "No active silence."));
}

function editor(initial: Json | null): HTMLElement {
  const box = el("div", undefined, "rule-editor");
  const area = el("textarea");
  area.rows = 12;
  area.value = JSON.stringify(initial ?? { id: "my-rule", name: "My rule", metric: "latency_p95", group: "agent",
    selector: { agent: "*" }, comparator: ">", warning: 5000, critical: 10000, min_samples: 20, range: "PT5M",
    for: "PT1M", keep_firing_for: "PT2M", summary: "{{agent}}: p95 {{value}} ms" }, null, 2);
  box.append(area, button("Save", async () => {
    const rule = JSON.parse(area.value) as Json;
    await (initial ? call("PUT", `/api/v1/alert-rules/${initial.id}`, rule) : call("POST", "/api/v1/alert-rules", rule));
    box.remove();
  }), button("Cancel", async () => box.remove()));
  return box;
}

async function loadRules(): Promise<void> {
  const r = await call("GET", "/api/v1/alert-rules");
  const list = (r.rules as Json[]).map((row) => {
    const body = (typeof row.body === "string" ? JSON.parse(row.body) : row.body) as Json;
    const thresholds = `${body.comparator ?? ">"} ${body.warning ?? "—"} / ${body.critical ?? "—"}`;
    return [el("span", String(row.id)), el("span", String(body.kind ?? "threshold")), el("span", String(body.metric ?? "error_rate")),
      el("span", String(body.group ?? "agent")), el("span", thresholds), el("span", `for ${body.for ?? "PT0S"}`),
      el("span", body.enabled === false ? "disabled" : "enabled"),
      (() => {
        const s = el("span");
        s.append(button("Edit", async () => { rules.prepend(editor(body)); }),
          button("Delete", () => (confirm(`Delete rule ${row.id}?`) ? call("DELETE", `/api/v1/alert-rules/${row.id}`) : Promise.resolve())));
        return s;
      })()];
  });
  const add = button("New rule", async () => { rules.prepend(editor(null)); });
  rules.replaceChildren(add, table(["id", "kind", "metric", "group", "warn / crit", "for", "", ""], list, "No rules."));
}

let pending: ReturnType<typeof setTimeout> | null = null;
function refresh(): void {
  if (pending) return;
  pending = setTimeout(() => {
    pending = null;
    status.hidden = true;
    Promise.all([loadActive(), loadHistory(), loadSilences()]).catch((e: Error) => problem(e.message));
    if (!rules.querySelector(".rule-editor")) loadRules().catch((e: Error) => problem(e.message));
  }, 200);
}

// Reconnects resume after the last id on any query API; a `reset` or a reopened stream reloads.
new LiveStream("/api/v1/stream?grp=none", { onRollup: () => {}, onState: () => {}, onResync: refresh })
  .on("alert", refresh).on("alert-action", refresh).start();
setInterval(refresh, REFRESH_MS);
refresh();
