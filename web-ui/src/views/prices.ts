// Cost view, second half (issue 13): budget status of the budget rules, the price versions (every
// version, which one is in force, one model's history), the admin's form to add a version and the
// repricing jobs (request one, watch it run). Everything the server or an agent sent (model names,
// notes, user names, errors) goes through textContent (dom.ts `el`): never markup.

import { el, replace } from "../dom";
import { json } from "../http";
import { formatUsd, safeLabel } from "../format";
import { can } from "../session";
import "../prices.css";
import { n, rows, s, type Row } from "./context";

type Get = <T = Record<string, unknown>>(url: string) => Promise<T>;

/** A budget rule's state from its spend: the processor's rule (Budgets): warn at 90%, critical at 110%, projection warns. */
export function budgetState(spent: number, budget: number, warning = 0.9, critical = 1.1, projected: number | null = null): string {
  if (!(budget > 0)) return "unknown";
  if (spent >= critical * budget * (1 - 1e-9)) return "critical";
  if (spent >= warning * budget * (1 - 1e-9)) return "warning";
  if (projected !== null && projected >= critical * budget * (1 - 1e-9)) return "warning";
  return "ok";
}

/** Start of the UTC day and month of `now`, and the elapsed fraction of the month. */
export function periods(now: number): { day: number; month: number; monthEnd: number } {
  const d = new Date(now);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return { day, month: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), monthEnd: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) };
}

const exact = (v: unknown) => (typeof v === "string" && v !== "" && !/[*?]/.test(v) ? v : null);

async function budgetRow(get: Get, rule: Row, now: number): Promise<HTMLElement[]> {
  const metric = s(rule.metric);
  const budget = n(rule.budget_usd) ?? 0;
  const p = periods(now);
  const sel = (typeof rule.selector === "object" && rule.selector !== null ? rule.selector : {}) as Row;
  const q = new URLSearchParams({ from: String(metric === "spend_month" ? p.month : p.day), to: String(now) });
  for (const k of ["agent", "model", "operation"]) if (exact(sel[k])) q.set(k, String(sel[k]));
  let spent: number | null = null;
  let projected: number | null = null;
  let state = "n/a";
  if (metric === "spend_day" || metric === "spend_month") {
    spent = n((await get(`/api/v1/summary?${q}`)).cost_usd) ?? 0;
    const elapsed = (now - p.month) / (p.monthEnd - p.month);
    projected = metric === "spend_month" && now - p.month >= 86_400_000 ? spent / elapsed : null;
    state = budgetState(spent, budget, n(rule.warning) ?? 0.9, n(rule.critical) ?? 1.1, projected);
  }
  const badge = el("span", { class: `badge budget-${state}` }, state);
  return [el("td", {}, safeLabel(rule.id)), el("td", {}, metric), el("td", { class: "num" }, budget > 0 ? formatUsd(budget) : "\u2014"),
    el("td", { class: "num" }, spent === null ? "\u2014" : formatUsd(spent)),
    el("td", { class: "num" }, spent === null || !(budget > 0) ? "\u2014" : `${Math.round((spent / budget) * 100)}%`),
    el("td", { class: "num" }, projected === null ? "\u2014" : formatUsd(projected)), el("td", {}, badge)];
}

async function budgetPanel(get: Get): Promise<HTMLElement> {
  const body = await get<Row>("/api/v1/alert-rules");
  const rules = rows(body.rules).map((r) => (typeof r.body === "string" ? JSON.parse(r.body) : r.body) as Row)
    .filter((b) => b && b.kind === "budget");
  const now = Date.now();
  const trs = await Promise.all(rules.map(async (r) => el("tr", { "data-rule": s(r.id) }, ...(await budgetRow(get, r, now)))));
  const table = el("table", { id: "budget-status" }, el("thead", {}, el("tr", {}, ...["Rule", "Kind", "Budget", "Spent", "Used",
    "Month-end projection", "State"].map((h) => el("th", {}, h)))), el("tbody", {}, ...trs));
  return el("section", { class: "panel", "aria-label": "Budgets" }, el("h2", {}, "Budget rules"),
    trs.length ? table : el("p", { class: "empty" }, "No budget rule: add one in Alerts (kind budget: spend_day, spend_month, cost_per_call, cost_vs_usage)."),
    el("p", { class: "sub" }, "Spend of the current UTC day or month against each rule's budget: warning at 90%, critical at 110%; a month "
      + "whose projection reaches 110% warns early. cost_per_call and cost_vs_usage are judged by the processor against their baselines."));
}

function priceCells(v: Row): HTMLElement[] {
  return [el("td", {}, safeLabel(v.model)), el("td", {}, s(v.effective_from)),
    ...["input", "cached_input", "output", "reasoning"].map((k) => el("td", { class: "num" }, String(n(v[k]) ?? "\u2014"))),
    el("td", {}, s(v.source)), el("td", {}, safeLabel(v.created_by)), el("td", { class: "price-note" }, s(v.note)),
    el("td", {}, v.in_force === true ? el("span", { class: "badge OK" }, "in force") : "")];
}

const PRICE_HEAD = ["Model", "Effective from (UTC)", "Input", "Cached", "Output", "Reasoning", "Source", "By", "Note", ""];

function priceTable(id: string, versions: Row[], onModel?: (m: string) => void): HTMLElement {
  const trs = versions.map((v) => {
    const tr = el("tr", { "data-version": s(v.id) }, ...priceCells(v));
    if (onModel) {
      const link = el("button", { type: "button", class: "linkish", onclick: () => onModel(s(v.model)) }, "history");
      tr.lastElementChild?.append(" ", link);
    }
    return tr;
  });
  return el("table", { id }, el("thead", {}, el("tr", {}, ...PRICE_HEAD.map((h) => el("th", {}, h)))), el("tbody", {}, ...trs));
}

function priceForm(done: (msg: string) => void): HTMLFormElement {
  const input = (name: string, label: string, placeholder = "", type = "text") =>
    el("label", {}, label, el("input", { name, placeholder, type, step: type === "number" ? "any" : undefined }));
  const form = el("form", { id: "price-form", class: "channel-form" }, el("h3", {}, "Add a price version (USD per million tokens)"),
    input("model", "Model or prefix", "gpt-4o"), input("effective_from", "Effective from", "2026-01-01 or an ISO instant"),
    input("input", "Input", "", "number"), input("output", "Output", "", "number"),
    input("cached_input", "Cached input (default: input)", "", "number"), input("reasoning", "Reasoning (default: output)", "", "number"),
    input("note", "Note"), el("button", { type: "submit" }, "Add version"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const f = new FormData(form);
    const body: Row = { model: f.get("model"), effective_from: f.get("effective_from") };
    for (const k of ["input", "output", "cached_input", "reasoning"]) {
      const v = String(f.get(k) ?? "");
      if (v !== "") body[k] = Number(v);
    }
    if (String(f.get("note") ?? "") !== "") body.note = f.get("note");
    json<Row>("POST", "/api/v1/prices", { body }).then((v) => done(`Added ${s(v.id)}.`), (err: Error) => done(err.message));
  });
  return form;
}

function repriceForm(done: (msg: string) => void): HTMLFormElement {
  const form = el("form", { id: "reprice-form", class: "channel-form" }, el("h3", {}, "Reprice a range with the versions in force"),
    el("label", {}, "From", el("input", { name: "from", placeholder: "ISO instant or epoch ms" })),
    el("label", {}, "To", el("input", { name: "to", placeholder: "ISO instant or epoch ms" })),
    el("label", {}, "Model (optional)", el("input", { name: "model" })), el("button", { type: "submit" }, "Request job"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const f = new FormData(form);
    const body: Row = { from: f.get("from"), to: f.get("to") };
    if (String(f.get("model") ?? "") !== "") body.model = f.get("model");
    json<Row>("POST", "/api/v1/reprice-jobs", { body }).then((j) => done(`Job ${s(j.id)} requested.`), (err: Error) => done(err.message));
  });
  return form;
}

function jobsTable(jobs: Row[]): HTMLElement {
  const head = ["Job", "From", "To", "Model", "Status", "By", "Events repriced", "Rows adjusted", "Rows missing", "Change", "Error"];
  return el("table", { id: "reprice-jobs" }, el("thead", {}, el("tr", {}, ...head.map((h) => el("th", {}, h)))),
    el("tbody", {}, ...jobs.map((j) => el("tr", { "data-job": s(j.id) }, el("td", {}, s(j.id)), el("td", {}, s(j.from)), el("td", {}, s(j.to)),
      el("td", {}, j.model ? safeLabel(j.model) : "all"), el("td", {}, el("span", { class: `job-status ${s(j.status)}` }, s(j.status))),
      el("td", {}, safeLabel(j.requested_by)), el("td", { class: "num" }, s(j.events_repriced)), el("td", { class: "num" }, s(j.rows_adjusted)),
      el("td", { class: "num" }, s(j.rows_missing)), el("td", { class: "num" }, j.delta_usd === null ? "" : formatUsd(n(j.delta_usd))),
      el("td", {}, s(j.error))))));
}

/** The budget, prices and repricing panels of the Cost view. */
export async function pricePanels(get: Get): Promise<HTMLElement> {
  const box = el("div", { id: "prices" });
  const note = el("p", { id: "price-note", class: "sub", "aria-live": "polite" });
  const versions = el("div");
  const history = el("div", { id: "price-history" });
  const jobs = el("div");
  const showHistory = async (model: string) => {
    const h = await get<Row>(`/api/v1/prices/${encodeURIComponent(model)}`);
    replace(history, el("h3", {}, `History of ${safeLabel(model)}`), priceTable("price-history-table", rows(h.versions)));
  };
  const load = async () => {
    const [v, j] = await Promise.all([get<Row>("/api/v1/prices"), get<Row>("/api/v1/reprice-jobs")]);
    replace(versions, priceTable("price-versions", rows(v.versions).filter((x) => x.in_force === true || x.source === "admin"),
      (m) => { showHistory(m).catch((e: Error) => say(e.message)); }));
    replace(jobs, jobsTable(rows(j.jobs)));
  };
  const say = (msg: string) => { note.textContent = msg; load().catch(() => undefined); };
  box.append(await budgetPanel(get), el("section", { class: "panel", "aria-label": "Prices" },
    el("div", { class: "panel-head" }, el("h2", {}, "Price versions"),
      el("button", { type: "button", id: "reprice-refresh", onclick: () => { load().catch((e: Error) => say(e.message)); } }, "Refresh")),
    el("p", { class: "sub" }, "A call is priced by the version in force at its event time; the version that priced it is kept on the event. "
      + "Shown: each model's version in force now and every version added by an admin."),
    note, can("admin") ? priceForm(say) : null, versions, history,
    el("h3", {}, "Repricing jobs"), can("admin") ? repriceForm(say) : null, jobs));
  await load();
  return box;
}
