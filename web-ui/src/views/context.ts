// What every view gets: the URL state, its absolute range, and typed-enough access to the API.

import { el } from "../dom";
import { type ViewState } from "../router";

export interface ViewContext {
  state: ViewState;
  from: number;
  to: number;
  /**
   * URL of an API endpoint with the view's range, the global dimension filter (unless `slice` is
   * false: an endpoint that takes none) and the given parameters (null removes one).
   */
  url(path: string, params?: Record<string, string | number | null | undefined>, opts?: { slice?: boolean }): string;
  get<T = Record<string, unknown>>(url: string): Promise<T>;
  /** Navigates (pushes the URL state). */
  nav(patch: Partial<ViewState>): void;
  /** Charts to rebuild on a theme change or to destroy when the view goes. */
  charts: { rebuild(): void; destroy(): void }[];
}

export type Row = Record<string, unknown>;

export const rows = (v: unknown): Row[] => (Array.isArray(v) ? v.filter((x) => typeof x === "object" && x !== null) as Row[] : []);
export const n = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
export const s = (v: unknown): string => (typeof v === "string" ? v : v === null || v === undefined ? "" : String(v));

export function tile(label: string, value: string, sub?: string, key?: string): HTMLElement {
  return el("article", { class: "tile" }, el("h2", {}, label),
    el("p", { class: "value", "data-k": key }, value), sub ? el("p", { class: "sub" }, sub) : null);
}

export function heading(title: string, ...extra: (Node | string)[]): HTMLElement {
  return el("div", { class: "view-head" }, el("h2", { class: "view-title", tabindex: -1 }, title), ...extra);
}

/** "12 s ago", "5 min ago", "3 h ago", "2 d ago" relative to now (ms); "never" for null. */
export function ago(t: unknown, now = Date.now()): string {
  const v = n(t);
  if (v === null) return "never";
  const d = Math.max(0, now - v) / 1000;
  if (d < 60) return `${Math.round(d)} s ago`;
  if (d < 3600) return `${Math.round(d / 60)} min ago`;
  if (d < 86400) return `${Math.round(d / 3600)} h ago`;
  return `${Math.round(d / 86400)} d ago`;
}

/** ISO-like local date and time with seconds. */
export function stamp(t: unknown): string {
  const v = n(t);
  if (v === null) return "";
  const d = new Date(v);
  const p = (x: number) => String(x).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function badge(status: string): HTMLElement {
  return el("span", { class: `badge ${["green", "yellow", "red", "silent", "OK", "ERROR"].includes(status) ? status : "unknown"}` }, status);
}
