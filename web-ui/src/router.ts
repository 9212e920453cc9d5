// The view's state lives in the URL hash (#/view/id?range=1h&compare=1&...), so a link
// reproduces what the operator sees. Pure functions, unit-tested.

import { formatSlice, parseSlice, SLICE_PARAM, type Slice } from "./slice";

export const VIEWS = ["overview", "agents", "models", "cost", "quality", "errors", "hosts", "graph", "events", "dimensions", "alerts", "admin"] as const;
export type View = (typeof VIEWS)[number];

/** Preset ranges in ms; "custom" uses from/to. */
export const RANGES: Record<string, number> = {
  "15m": 15 * 60_000, "1h": 3_600_000, "6h": 6 * 3_600_000, "24h": 86_400_000,
  "7d": 7 * 86_400_000, "30d": 30 * 86_400_000, "90d": 90 * 86_400_000, "1y": 365 * 86_400_000,
};

export interface ViewState {
  view: View;
  /** Agent id (agents view) or event id (events view), when one is open. */
  id: string | null;
  range: string;
  from: number | null;
  to: number | null;
  compare: boolean;
  /** The global dimension filter (`slice=<dimension>:<value>`), kept across views; null = none. */
  slice: Slice | null;
  /** Everything else (filters, sort, page), kept verbatim. */
  params: Record<string, string>;
}

export function parseHash(hash: string): ViewState {
  const raw = hash.replace(/^#\/?/, "");
  const q = raw.indexOf("?");
  const path = (q < 0 ? raw : raw.slice(0, q)).split("/").filter((s) => s !== "");
  const search = new URLSearchParams(q < 0 ? "" : raw.slice(q + 1));
  const view = (VIEWS as readonly string[]).includes(path[0] ?? "") ? (path[0] as View) : "overview";
  let id: string | null = null;
  try { id = path[1] !== undefined ? decodeURIComponent(path.slice(1).join("/")) : null; } catch { id = null; }
  const num = (k: string) => { const v = Number(search.get(k)); return search.has(k) && Number.isFinite(v) ? v : null; };
  const range = search.get("range") ?? "1h";
  const params: Record<string, string> = {};
  search.forEach((v, k) => { if (!["range", "from", "to", "compare", SLICE_PARAM].includes(k)) params[k] = v; });
  return {
    view, id, range: range in RANGES || range === "custom" ? range : "1h",
    from: num("from"), to: num("to"), compare: search.get("compare") === "1",
    slice: parseSlice(search.get(SLICE_PARAM)), params,
  };
}

export function toHash(s: ViewState): string {
  const search = new URLSearchParams();
  search.set("range", s.range);
  if (s.range === "custom" && s.from !== null && s.to !== null) { search.set("from", String(s.from)); search.set("to", String(s.to)); }
  if (s.compare) search.set("compare", "1");
  if (s.slice) search.set(SLICE_PARAM, formatSlice(s.slice));
  for (const [k, v] of Object.entries(s.params)) if (v !== "") search.set(k, v);
  const id = s.id === null ? "" : "/" + encodeURIComponent(s.id);
  return `#/${s.view}${id}?${search.toString()}`;
}

/** The absolute [from, to) a state shows at time `now` (ms). */
export function resolveRange(s: ViewState, now: number): { from: number; to: number } {
  if (s.range === "custom" && s.from !== null && s.to !== null && s.from < s.to) return { from: s.from, to: s.to };
  const span = RANGES[s.range] ?? RANGES["1h"];
  return { from: now - span, to: now };
}
