// A sortable, filterable table of API rows with a CSV export of the same endpoint. Text only.

import { el, replace } from "../dom";
import { withChangeColumns } from "./change";

export type Row = Record<string, unknown>;

export interface Column {
  key: string;
  label: string;
  /** Cell content; strings become text nodes. Default: the raw value as text. */
  fmt?: (v: unknown, row: Row) => string | Node;
  numeric?: boolean;
}

export interface TableOptions {
  id: string;
  caption: string;
  columns: Column[];
  rows: Row[];
  /** The API URL whose CSV this table is (?format=csv is added). */
  exportUrl?: string;
  /** Column the filter box matches (substring, case-insensitive); none = no filter box. */
  filterKey?: string;
  sort?: { key: string; desc: boolean };
  empty?: string;
}

export function csvUrl(apiUrl: string): string {
  return apiUrl + (apiUrl.includes("?") ? "&" : "?") + "format=csv";
}

export function exportLink(apiUrl: string, name: string): HTMLAnchorElement {
  return el("a", { class: "export", href: csvUrl(apiUrl), download: `${name}.csv`, "data-export": name }, "Export CSV");
}

const compare = (a: unknown, b: unknown): number => {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  return String(a).localeCompare(String(b));
};

export function dataTable(opts: TableOptions): HTMLElement {
  // Compared rows (?compare=previous) get a change column after each compared figure.
  const o = { ...opts, columns: withChangeColumns(opts.columns, opts.rows) };
  let sort = o.sort ?? null;
  let filter = "";
  const body = el("tbody");
  const head = el("tr");
  const table = el("table", { id: o.id, class: "data" }, el("caption", { class: "visually-hidden" }, o.caption), el("thead", {}, head), body);
  const draw = () => {
    let rows = o.rows;
    if (filter && o.filterKey) rows = rows.filter((r) => String(r[o.filterKey as string] ?? "").toLowerCase().includes(filter));
    if (sort) { const s = sort; rows = rows.slice().sort((a, b) => (s.desc ? -1 : 1) * compare(a[s.key], b[s.key])); }
    replace(head, ...o.columns.map((c) => {
      const state = sort?.key === c.key ? (sort.desc ? "descending" : "ascending") : "none";
      return el("th", { scope: "col", "aria-sort": state, class: c.numeric ? "num" : undefined },
        el("button", { type: "button", class: "sort", onclick: () => { sort = { key: c.key, desc: sort?.key === c.key ? !sort.desc : !!c.numeric }; draw(); } },
          c.label, state === "none" ? "" : state === "descending" ? " \u25BE" : " \u25B4"));
    }));
    replace(body, ...(rows.length === 0
      ? [el("tr", {}, el("td", { colspan: o.columns.length, class: "empty" }, o.empty ?? "No data in this range."))]
      : rows.map((r) => el("tr", {}, ...o.columns.map((c) =>
        el("td", { class: c.numeric ? "num" : undefined }, c.fmt ? c.fmt(r[c.key], r) : String(r[c.key] ?? "")))))));
  };
  draw();
  const tools = el("div", { class: "table-tools" });
  if (o.filterKey) {
    const input = el("input", { type: "search", placeholder: "Filter\u2026", "aria-label": `Filter ${o.caption}`, class: "filter" });
    input.addEventListener("input", () => { filter = input.value.trim().toLowerCase(); draw(); });
    tools.appendChild(input);
  }
  if (o.exportUrl) tools.appendChild(exportLink(o.exportUrl, o.id));
  return el("section", { class: "panel", "aria-label": o.caption },
    el("div", { class: "panel-head" }, el("h2", {}, o.caption), tools), el("div", { class: "scroll" }, table));
}
