// What the Alerts view and its Channels part share: text-only elements, tables of elements and the
// one fetch wrapper. Nothing here parses HTML: every value goes through textContent.

import { json } from "./http";

export type Json = Record<string, unknown>;

/** Every call through the one fetch wrapper (CSRF token on writes, session handling). */
export const call = (method: string, url: string, body?: unknown): Promise<Json> => json<Json>(method, url, { body });

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

export const when = (ms: unknown) => (typeof ms === "number" ? new Date(ms).toLocaleString() : "—");

export function table(head: string[], rows: HTMLElement[][], empty: string): HTMLElement {
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
