// The shell around the views: navigation, the time range picker (presets, custom, compare), the
// global dimension filter, the theme, and which view shows. The state is the URL hash; every change is a navigation, so the
// back button and a shared link reproduce the view.

import { el, replace } from "./dom";
import { getJson, HttpError } from "./http";
import { sameSlice, sliceLabel, sliceParams, withSlice, type Slice } from "./slice";
import { SlicePicker } from "./slice-picker";
import { can } from "./session";
import { parseHash, resolveRange, toHash, RANGES, type ViewState } from "./router";
import { type ViewContext } from "./views/context";
import { renderAgent, renderAgents } from "./views/agents";
import { renderModels } from "./views/models";
import { renderErrors } from "./views/errors";
import { renderCost } from "./views/cost";
import { renderQuality } from "./views/quality";
import { renderHosts } from "./views/hosts";
import { renderGraph } from "./views/graph";
import { renderEvent, renderEvents } from "./views/events";
import { renderAdmin } from "./views/admin";
import { renderDimensions } from "./views/dimensions";
import { applyLayout, layoutEditor, loadLayout, rebuildTrends, renderAlerts, renderHealth, renderTrends, type Layout } from "./views/overview";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
/** Least time between two live refreshes of a view, ms. */
const LIVE_REFRESH_MS = 10_000;

let state: ViewState = parseHash(location.hash);
let ctx: ViewContext | null = null;
let lastRender = 0;
let rendering: Promise<void> | null = null;
/** A navigation arrived while a render was running: render again when it ends (the newest state wins). */
let again = false;
let layout: Layout | null = null;
let picker: SlicePicker | null = null;

function context(s: ViewState): ViewContext {
  const { from, to } = resolveRange(s, Date.now());
  const c: ViewContext = {
    state: s, from, to, charts: [],
    url(path, params = {}, opts = {}) {
      // The compare toggle drives every view: each answer then carries the previous period (previous_*,
      // delta_*, delta_pct_*); a caller that needs no comparison passes compare: null. The dimension
      // filter too (?environment=prod): every rollup view narrows to the slice.
      const q = new URLSearchParams({ from: String(from), to: String(to) });
      if (s.compare) q.set("compare", "previous");
      if (opts.slice !== false) for (const [k, v] of Object.entries(sliceParams(s.slice))) q.set(k, v);
      for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, String(v)); else q.delete(k);
      return `${path}?${q.toString()}`;
    },
    get: <T>(url: string) => getJson<T>(url),
    nav(patch) { location.hash = toHash({ ...s, ...patch }); },
  };
  return c;
}

async function render(): Promise<void> {
  ctx?.charts.forEach((c) => c.destroy());
  const c = context(state);
  ctx = c;
  lastRender = Date.now();
  document.querySelectorAll<HTMLAnchorElement>("#nav a").forEach((a) => {
    if (a.dataset.view === state.view) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
    a.href = toHash({ ...state, view: a.dataset.view as ViewState["view"], id: null, params: {} });
  });
  syncPicker();
  void picker?.sync(state.slice, `${state.range}:${state.from}:${state.to}`, c.from, c.to);
  const overview = state.view === "overview";
  document.body.dataset.view = state.view; // the Alerts view is views/alerts.ts's own section (CSS shows it)
  $("view-overview").hidden = !overview;
  const page = $("view-page");
  page.hidden = overview || state.view === "alerts";
  const problem = $("view-problem");
  problem.hidden = true;
  try {
    if (overview) {
      await Promise.all([renderAlerts(c).then(() => renderHealth(c)), renderTrends(c)]);
    } else if (state.view !== "alerts") {
      const next = el("div", { class: "view" });
      await renderView(state, next, c);
      keepSlice(next, state.slice);
      if (ctx === c) replace(page, next);
    }
  } catch (e) {
    showProblem(problem, e, state.slice);
  }
}

/** Renders the (non-overview) view of `s` into `next`. */
function renderView(s: ViewState, next: HTMLElement, c: ViewContext): Promise<void> {
  const notSliced = (text: string) => { if (s.slice) next.append(sliceNote(text)); };
  return ({
    agents: () => {
      if (!s.id) return renderAgents(next, c);
      // The query API's agent detail does not read the slice (yet): say so rather than let the chip claim it.
      notSliced("This agent's page shows all of its calls: it is not narrowed by the dimension filter.");
      return renderAgent(next, c, s.id);
    },
    models: () => renderModels(next, c), cost: () => renderCost(next, c), quality: () => renderQuality(next, c),
    hosts: () => { notSliced("Hosts are not sliced by dimensions: this view shows every host."); return renderHosts(next, c); },
    dimensions: () => renderDimensions(next, c),
    graph: () => { notSliced("The call graph is not sliced by dimensions: it shows every agent's calls."); return renderGraph(next, c); },
    errors: () => renderErrors(next, c),
    events: () => (s.id ? renderEvent(next, c, s.id) : renderEvents(next, c)),
    admin: () => (can("admin") ? renderAdmin(next, c) : Promise.reject(new Error("The Admin view is for administrators."))),
  } as Record<string, () => Promise<void>>)[s.view]();
}

/** In-page links keep the dimension filter (a view's links are built without it). */
function keepSlice(root: HTMLElement, slice: Slice | null): void {
  if (!slice) return;
  root.querySelectorAll<HTMLAnchorElement>('a[href^="#/"]').forEach((a) => a.setAttribute("href", withSlice(a.getAttribute("href") ?? "", slice)));
}

const sliceNote = (text: string) => el("p", { class: "slice-note" }, text);

/**
 * A view that failed. One the rollups cannot answer for the filter (400 unsupported-slice: e.g. two
 * pinned keys besides the slice) says so, with the server's words and a button that clears the filter.
 */
function showProblem(problem: HTMLElement, e: unknown, slice: Slice | null): void {
  if (e instanceof HttpError && e.reason === "unsupported-slice" && slice) {
    replace(problem, `This view cannot be filtered by ${sliceLabel(slice)}. ${e.message} `,
      el("button", { type: "button", class: "slice-clear-problem", onclick: () => { location.hash = toHash({ ...state, slice: null }); } },
        "Clear the filter"));
    problem.classList.add("slice-problem");
  } else {
    problem.textContent = e instanceof Error ? e.message : String(e);
    problem.classList.remove("slice-problem");
  }
  problem.hidden = false;
}

function rerender(): Promise<void> {
  if (rendering) { again = true; return rendering; }
  rendering = render().finally(() => {
    rendering = null;
    if (again) { again = false; void rerender(); }
  });
  return rendering;
}

/** Called for every live frame: refreshes the view at most every LIVE_REFRESH_MS, never while the operator types. */
export function liveTick(): void {
  if (Date.now() - lastRender < LIVE_REFRESH_MS || rendering) return;
  const active = document.activeElement;
  if (active && (active.tagName === "INPUT" || active.tagName === "SELECT") && $("view-page").contains(active)) return;
  if (state.view === "events" || state.id) { lastRender = Date.now(); return; } // lists of calls hold still while read
  void rerender();
}

// --- range picker ---------------------------------------------------------------------------------
function syncPicker(): void {
  ($("range") as HTMLSelectElement).value = state.range;
  ($("compare") as HTMLInputElement).checked = state.compare;
  const custom = state.range === "custom";
  $("custom-range").hidden = !custom;
  if (custom) {
    const { from, to } = resolveRange(state, Date.now());
    ($("range-from") as HTMLInputElement).value = local(from);
    ($("range-to") as HTMLInputElement).value = local(to);
  }
}

const local = (ms: number) => { const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000); return d.toISOString().slice(0, 16); };

function setupPicker(): void {
  const select = $("range") as HTMLSelectElement;
  for (const k of [...Object.keys(RANGES), "custom"]) select.append(el("option", { value: k }, k === "custom" ? "custom\u2026" : `last ${k}`));
  select.addEventListener("change", () => {
    if (select.value === "custom") {
      const { from, to } = resolveRange(state, Date.now());
      location.hash = toHash({ ...state, range: "custom", from, to });
    } else location.hash = toHash({ ...state, range: select.value, from: null, to: null });
  });
  $("compare").addEventListener("change", (e) => { location.hash = toHash({ ...state, compare: (e.target as HTMLInputElement).checked }); });
  $("custom-range").addEventListener("submit", (e) => {
    e.preventDefault();
    const from = Date.parse(($("range-from") as HTMLInputElement).value);
    const to = Date.parse(($("range-to") as HTMLInputElement).value);
    if (Number.isFinite(from) && Number.isFinite(to) && from < to) location.hash = toHash({ ...state, range: "custom", from, to });
  });
}

// --- theme ------------------------------------------------------------------------------------------
const THEMES = ["auto", "light", "dark"] as const;
function setupTheme(onChange: () => void): void {
  const button = $("theme");
  const apply = (t: string) => {
    if (t === "auto") delete document.documentElement.dataset.theme; else document.documentElement.dataset.theme = t;
    button.textContent = `Theme: ${t}`;
  };
  let theme = localStorage.getItem("agentpulse_theme") ?? "auto";
  apply(theme);
  button.addEventListener("click", () => {
    theme = THEMES[(THEMES.indexOf(theme as (typeof THEMES)[number]) + 1) % THEMES.length];
    localStorage.setItem("agentpulse_theme", theme);
    apply(theme);
    onChange();
  });
}

// --- start ------------------------------------------------------------------------------------------
/** `onSlice` hears the dimension filter (at start and on every change): the live stream follows it. */
export function startApp(rebuildLiveCharts: () => void, onSlice: (s: Slice | null) => void = () => {}): void {
  state = parseHash(location.hash); // the hash may have changed while the live tiles loaded
  onSlice(state.slice);
  setupPicker();
  picker = new SlicePicker((from, to) => getJson(`/api/v1/dimensions?from=${from}&to=${to}`),
    (slice) => { location.hash = toHash({ ...state, slice }); });
  setupTheme(() => {
    rebuildLiveCharts();
    rebuildTrends();
    ctx?.charts.forEach((c) => c.rebuild());
  });
  $("customise").hidden = !can("layout");
  $("customise").addEventListener("click", () => {
    const open = document.getElementById("layout-editor");
    if (open) { open.remove(); $("customise").setAttribute("aria-expanded", "false"); return; }
    $("customise").setAttribute("aria-expanded", "true");
    $("view-overview").prepend(layoutEditor(layout ?? { panels: [], hidden: [] }, (l) => { layout = l; }));
    ($("view-overview").querySelector("#layout-editor input") as HTMLElement | null)?.focus();
  });
  window.addEventListener("hashchange", () => {
    const next = parseHash(location.hash);
    const moved = next.view !== state.view || next.id !== state.id;
    if (!sameSlice(next.slice, state.slice)) onSlice(next.slice);
    state = next;
    void rerender().then(() => { if (moved) (document.querySelector(".view-title") as HTMLElement | null)?.focus(); });
  });
  void loadLayout().then((l) => { layout = l; applyLayout(l); });
  void rerender();
}
