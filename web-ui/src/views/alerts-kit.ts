// What the Alerts view and its Channels part share: tables of elements, dates and the one fetch
// wrapper, on the shared DOM helpers (../dom: text only, nothing here parses HTML).

import { el } from "../dom";
import { json } from "../http";

export type Json = Record<string, unknown>;

/** Every call through the one fetch wrapper (CSRF token on writes, session handling). */
export const call = (method: string, url: string, body?: unknown): Promise<Json> => json<Json>(method, url, { body });

export const when = (ms: unknown) => (typeof ms === "number" ? new Date(ms).toLocaleString() : "—");

/** A plain table: one row of cells per entry of `rows`; `empty` (a paragraph) when there is none. */
export function table(head: string[], rows: HTMLElement[][], empty: string): HTMLElement {
  if (rows.length === 0) return el("p", { class: "empty" }, empty);
  return el("table", {},
    el("thead", {}, el("tr", {}, ...head.map((h) => el("th", {}, h)))),
    el("tbody", {}, ...rows.map((cells) => el("tr", {}, ...cells.map((c) => el("td", {}, c))))));
}
