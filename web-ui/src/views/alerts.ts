// The Alerts view: firing and pending alerts (acknowledge, silence), recent history, silences and
// the rules list (create, edit, delete). Live: refreshed on every SSE `alert` / `alert-action` /
// `reset` event of its own stream (grp=none: no rollup frames), and every 30 s as a fallback.
// Everything user-visible is set through textContent: labels and summaries are never HTML.
// Role-aware: acknowledge, silence and rule editing are offered to operators and admins only.
// Notification channels (alerts-channels.ts) are listed at the end; a rule routes to them by its "channels".

import "../alerts.css";
import { el } from "../dom";
import { can, session } from "../session";
import { LiveStream } from "../stream";
import { budgetPicker, thresholdsText } from "./alerts-budget";
import { call, type Json, table, when } from "./alerts-kit";
import { channelsBox, channelsBusy, loadChannels } from "./alerts-channels";

const REFRESH_MS = 30_000;

function button(label: string, onClick: () => Promise<unknown>): HTMLButtonElement {
  const b = el("button", {}, label);
  b.type = "button";
  b.addEventListener("click", () => { onClick().then(refresh, (e: Error) => problem(e.message)); });
  return b;
}

const labelsOf = (a: Json) => (typeof a.labels === "string" ? JSON.parse(a.labels) : (a.labels ?? {})) as Record<string, string>;
const user = () => session()?.username ?? "";

/** The view's section (exported for tests). */
export const section = el("section", { class: "alerts" });
section.setAttribute("aria-label", "Alerts");
const status = el("p", { class: "problem" }, "");
status.hidden = true;
const active = el("div", {});
const history = el("div", {});
const silences = el("div", {});
const rules = el("div", {});
section.append(el("h2", {}, "Alerts"), status, el("h3", {}, "Firing and pending"), active, el("h3", {}, "Silences"), silences,
  el("h3", {}, "Recent history"), history, el("h3", {}, "Rules"), rules, el("h3", {}, "Channels"), channelsBox);

function problem(msg: string): void {
  status.textContent = msg;
  status.hidden = false;
}

/** What an alert is about: a host (host rules) or agent / model / operation; plain text, never markup. */
export const seriesOf = (l: Record<string, string>): string =>
  l.grp === "host" ? `host ${l.host ?? "*"}` : `${l.agent ?? "*"} / ${l.model ?? "*"} / ${l.operation ?? "*"}`;

export function alertRow(a: Json, pending: boolean): HTMLElement[] {
  const l = labelsOf(a);
  const fp = encodeURIComponent(String(a.fingerprint));
  const actions = el("span", {});
  if (!pending && can("ack")) {
    actions.append(a.acked_by
      ? button("Un-acknowledge", () => call("DELETE", `/api/v1/alerts/${fp}/ack`))
      : button("Acknowledge", () => {
        const comment = prompt("Comment (optional)") ?? "";
        return call("POST", `/api/v1/alerts/${fp}/ack`, { by: user(), comment });
      }));
  }
  if (can("silence")) actions.append(button("Silence 1 h", () => {
    const reason = prompt("Reason for the silence") ?? "";
    return call("POST", "/api/v1/silences", { matchers: { rule_id: a.rule_id, agent: l.agent ?? "*" }, duration: "PT1H", reason, by: user() });
  }));
  const ack = a.acked_by ? `acked by ${a.acked_by}${a.ack_comment ? ` — ${a.ack_comment}` : ""}` : "";
  return [el("span", { class: pending ? "sev pending" : `sev ${String(a.severity).toLowerCase()}` }, pending ? "PENDING" : `FIRING · ${a.severity}`),
    el("span", {}, String(a.rule_name)), el("span", {}, seriesOf(l)),
    el("span", {}, String(a.summary ?? "")), el("span", {}, when(pending ? a.since : a.starts_at)), el("span", {}, ack), actions];
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
    return [el("span", {}, `${a.state} · ${a.severity}`), el("span", {}, String(a.rule_name)), el("span", {}, seriesOf(l)),
      el("span", {}, String(a.summary ?? "")), el("span", {}, when(a.starts_at)), el("span", {}, when(a.ends_at))];
  }), "No alerts yet."));
}

async function loadSilences(): Promise<void> {
  const r = await call("GET", "/api/v1/silences");
  silences.replaceChildren(table(["matchers", "until", "reason", "by", ""], (r.silences as Json[]).map((s) => [
    el("code", {}, typeof s.matchers === "string" ? s.matchers : JSON.stringify(s.matchers)), el("span", {}, when(s.ends_at)),
    el("span", {}, String(s.reason ?? "")), el("span", {}, String(s.created_by ?? "")),
    can("silence") ? button("Expire", () => call("DELETE", `/api/v1/silences/${encodeURIComponent(String(s.id))}`)) : el("span", {})]),
    "No active silence."));
}

function editor(initial: Json | null, template?: Json): HTMLElement {
  const box = el("div", { class: "rule-editor" });
  const area = el("textarea", {});
  area.rows = 12;
  area.value = JSON.stringify(initial ?? template ?? { id: "my-rule", name: "My rule", metric: "latency_p95", group: "agent",
    selector: { agent: "*" }, comparator: ">", warning: 5000, critical: 10000, min_samples: 20, range: "PT5M",
    for: "PT1M", keep_firing_for: "PT2M", summary: "{{agent}}: p95 {{value}} ms" }, null, 2);
  const hint = el("p", { class: "empty" }, 'Routing: "channels": ["ops-hook", "pager:critical", "*:warning"] (a channel id, with an optional '
    + "minimum severity; * is every channel); no channels: the channel 'default'.");
  box.append(hint, area, button("Save", async () => {
    const rule = JSON.parse(area.value) as Json;
    await (initial ? call("PUT", `/api/v1/alert-rules/${encodeURIComponent(String(initial.id))}`, rule) : call("POST", "/api/v1/alert-rules", rule));
    box.remove();
  }), button("Cancel", async () => box.remove()));
  return box;
}

export async function loadRules(): Promise<void> {
  const r = await call("GET", "/api/v1/alert-rules");
  const list = (r.rules as Json[]).map((row) => {
    const body = (typeof row.body === "string" ? JSON.parse(row.body) : row.body) as Json;
    const thresholds = thresholdsText(body);
    return [el("span", {}, String(row.id)), el("span", {}, String(body.kind ?? "threshold")), el("span", {}, String(body.metric ?? "error_rate")),
      el("span", {}, String(body.group ?? "agent")), el("span", {}, thresholds), el("span", {}, `for ${body.for ?? "PT0S"}`),
      el("span", {}, body.enabled === false ? "disabled" : "enabled"),
      (() => {
        const s = el("span", {});
        if (can("rules")) {
          s.append(button("Edit", async () => { rules.prepend(editor(body)); }),
            button("Delete", () => (confirm(`Delete rule ${row.id}?`) ? call("DELETE", `/api/v1/alert-rules/${encodeURIComponent(String(row.id))}`) : Promise.resolve())));
        }
        return s;
      })()];
  });
  const add = can("rules") ? [button("New rule", async () => { rules.prepend(editor(null)); }),
    budgetPicker((t) => rules.prepend(editor(null, t)))] : [];
  rules.replaceChildren(...add, table(["id", "kind", "metric", "group", "warn / crit", "for", "", ""], list, "No rules."));
}

let pending: ReturnType<typeof setTimeout> | null = null;
function refresh(): void {
  if (pending) return;
  pending = setTimeout(() => {
    pending = null;
    if (!stream) return; // signed out meanwhile: a load now would only meet 401s
    status.hidden = true;
    Promise.all([loadActive(), loadHistory(), loadSilences()]).catch((e: Error) => problem(e.message));
    if (!rules.querySelector(".rule-editor")) loadRules().catch((e: Error) => problem(e.message));
    if (!channelsBusy()) loadChannels().catch((e: Error) => problem(e.message));
  }, 200);
}

let stream: LiveStream | null = null;
let timer: ReturnType<typeof setInterval> | null = null;

/** Starts the Alerts view (after sign-in): its section, its own stream of alert events, the fallback timer. */
export function startAlerts(): void {
  if (!section.isConnected) document.querySelector("main")?.append(section);
  if (stream) return;
  // Reconnects resume after the last id on any query API; a `reset` or a reopened stream reloads.
  stream = new LiveStream("/api/v1/stream?grp=none", { onRollup: () => {}, onState: () => {}, onResync: refresh })
    .on("alert", refresh).on("alert-action", refresh);
  stream.start();
  timer = setInterval(refresh, REFRESH_MS);
  refresh();
}

/** Stops the stream and the timer (the session ended). */
export function stopAlerts(): void {
  stream?.pause();
  stream = null;
  if (timer) clearInterval(timer);
  timer = null;
  if (pending) clearTimeout(pending);
  pending = null;
}
