// The header's dimension filter: a dimension, then one of its values seen in the range (GET
// /api/v1/dimensions), and a chip naming the active filter with a button that clears it. Values are
// agent-sent: they reach the DOM only as option text and attribute values (el(), textContent).

import { el, replace } from "./dom";
import { safeLabel } from "./format";
import { sliceLabel, type Slice } from "./slice";
import "./dimensions.css";

export interface DimensionInfo { name: string; builtIn: boolean; values: string[] }

/** Parses GET /api/v1/dimensions: `{dimensions: [{name, built_in, values}]}`; malformed entries are dropped. */
export function parseDimensions(body: unknown): DimensionInfo[] {
  const list = typeof body === "object" && body !== null ? (body as Record<string, unknown>).dimensions : null;
  if (!Array.isArray(list)) return [];
  return list.filter((d): d is Record<string, unknown> => typeof d === "object" && d !== null && typeof d.name === "string")
    .map((d) => ({
      name: d.name as string, builtIn: d.built_in === true,
      values: Array.isArray(d.values) ? d.values.filter((v): v is string => typeof v === "string") : [],
    }));
}

/** The value list is fetched again after this long (ms) or when the range changes; views re-render every 10 s. */
export const VALUES_TTL_MS = 60_000;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/**
 * Wires the header controls. `pick` navigates: a value chosen sets the filter, the clear button
 * (or "any value") removes it. `load` fetches /api/v1/dimensions for a range.
 */
export class SlicePicker {
  private dims: DimensionInfo[] = [];
  private key = "";
  private at = 0;
  private current: Slice | null = null;

  constructor(private readonly load: (from: number, to: number) => Promise<unknown>, pick: (s: Slice | null) => void) {
    const dim = $<HTMLSelectElement>("slice-dim"), value = $<HTMLSelectElement>("slice-value");
    dim.addEventListener("change", () => this.drawValues(dim.value, null));
    value.addEventListener("change", () => pick(dim.value && value.value ? { dimension: dim.value, value: value.value } : null));
    $("slice-clear").addEventListener("click", () => pick(null));
  }

  /** The dimensions known for the last range (empty while loading or when slicing is off). */
  get dimensions(): DimensionInfo[] { return this.dims; }

  /** Shows `slice` as active; (re)loads the choices when the range changed or they are older than VALUES_TTL_MS. */
  async sync(slice: Slice | null, range: string, from: number, to: number, now = Date.now()): Promise<void> {
    this.current = slice;
    this.drawChip();
    if (range !== this.key || now - this.at > VALUES_TTL_MS) {
      this.key = range;
      this.at = now;
      try { this.dims = parseDimensions(await this.load(from, to)); } catch { this.dims = []; }
    }
    this.drawDims();
  }

  private drawChip(): void {
    const s = this.current;
    $("slice-chip").hidden = s === null;
    $("slice-text").textContent = s === null ? "" : sliceLabel(s);
    $("slice-chip").title = s === null ? "" : `Every view shows only the calls whose ${s.dimension} is ${safeLabel(s.value)}`;
  }

  private drawDims(): void {
    const dim = $<HTMLSelectElement>("slice-dim");
    // Slicing off (AGENTPULSE_DIMENSIONS=none) and no filter: nothing to choose from, no controls.
    $("slice-picker").hidden = this.dims.length === 0 && this.current === null;
    const names = this.dims.map((d) => d.name);
    if (this.current && !names.includes(this.current.dimension)) names.push(this.current.dimension);
    const chosen = this.current?.dimension ?? (names.includes(dim.value) ? dim.value : "");
    replace(dim, el("option", { value: "" }, "filter by\u2026"), ...names.map((n) => el("option", { value: n, selected: n === chosen }, n)));
    dim.value = chosen;
    this.drawValues(chosen, this.current?.value ?? null);
  }

  private drawValues(dimension: string, selected: string | null): void {
    const value = $<HTMLSelectElement>("slice-value");
    const values = [...(this.dims.find((d) => d.name === dimension)?.values ?? [])];
    if (selected !== null && !values.includes(selected)) values.unshift(selected); // a link's value not seen in this range
    value.hidden = dimension === "";
    replace(value, el("option", { value: "" }, "any value"),
      ...values.map((v) => el("option", { value: v, selected: v === selected }, safeLabel(v))));
    value.value = selected ?? "";
  }
}
