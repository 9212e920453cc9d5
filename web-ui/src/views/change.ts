// The change against the previous period as DOM: a cell/tile span (arrow + relative %, coloured by
// the metric's direction, the absolute change and the previous value in its title), and the
// table columns that show it. Text only (textContent via el()).

import { el } from "../dom";
import { change, changeTitle, directionOf, figures, hasPrevious } from "../compare";
import { type Column, type Row } from "./table";

/** The change of `key` in `row`; fmt formats the metric's own values (for the tooltip). */
export function changeEl(row: Row, key: string, fmt: (v: number | null) => string): HTMLElement {
  const f = figures(row, key);
  const c = change(f.previous, f.delta, f.pct, directionOf(key));
  return el("span", { class: `change ${c.tone}`, title: changeTitle(f.previous, f.delta, fmt), "data-change": key }, c.text);
}

/** A tile's line "[label ]▲ 12% vs previous period" when the answer compares `key`; null otherwise. */
export function changeLine(body: Row, key: string, fmt: (v: number | null) => string, label = ""): HTMLElement | null {
  return hasPrevious(body, key) ? el("p", { class: "sub" }, label ? `${label} ` : "", changeEl(body, key, fmt), " vs previous period") : null;
}

/** A column's values as text, for tooltips (its fmt when that gives text, else the number). */
const textOf = (c: Column) => (v: number | null): string => {
  const out = c.fmt ? c.fmt(v, {}) : String(v ?? "");
  return typeof out === "string" ? out : String(v ?? "");
};

/**
 * With compared rows: after every numeric column the rows compare, a "Δ" column sorted by the
 * relative change. Without (compare off): the columns as they are.
 */
export function withChangeColumns(columns: Column[], rows: Row[]): Column[] {
  if (rows.length === 0) return columns;
  const out: Column[] = [];
  for (const c of columns) {
    out.push(c);
    if (c.numeric && rows.some((r) => hasPrevious(r, c.key))) {
      out.push({ key: `delta_pct_${c.key}`, label: `\u0394 ${c.label}`, numeric: true, fmt: (_v, r) => changeEl(r, c.key, textOf(c)) });
    }
  }
  return out;
}

/**
 * A nested figure object of an answer (e.g. an agent's totals) as a compared row: its fields with
 * previous_/delta_/delta_pct_ taken from the answer's previous_KEY, delta_KEY and delta_pct_KEY objects.
 */
export function nestedRow(body: Row, key: string): Row {
  const obj = (body[key] ?? {}) as Row;
  if (!(`previous_${key}` in body)) return obj;
  const part = (p: string) => (body[`${p}_${key}`] ?? {}) as Row;
  const out: Row = { ...obj };
  for (const k of Object.keys(obj)) {
    out[`previous_${k}`] = body[`previous_${key}`] === null ? null : part("previous")[k] ?? null;
    out[`delta_${k}`] = part("delta")[k] ?? null;
    out[`delta_pct_${k}`] = part("delta_pct")[k] ?? null;
  }
  return out;
}
