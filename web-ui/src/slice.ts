// The global dimension filter ("slice"): one slicing dimension and one of its values
// (docs/CONTRACTS.md "Dimensions"). It lives in the URL hash as `slice=<dimension>:<value>`, every
// rollup view sends it to the API as `?<dimension>=<value>`, and the live stream subscribes to the
// slice's groups (`all@environment=prod`). Pure functions, unit-tested. The value is agent-sent:
// it is data everywhere (query parameters are encoded, the DOM gets it as text only).

import { safeLabel } from "./format";

export interface Slice { dimension: string; value: string }

/** The hash parameter that carries the filter. */
export const SLICE_PARAM = "slice";
/** Dimension names as the server accepts them (lower case, digits, `_`, `.`); never a `:`. */
const NAME = /^[a-z0-9_.]{1,64}$/;
/** Longest value the API accepts (query-api Params.MAX_VALUE_LENGTH). */
export const MAX_VALUE_LENGTH = 256;

/** "team:search" -> { team, search } (split at the first ':', names hold none); null when absent or malformed. */
export function parseSlice(raw: string | null | undefined): Slice | null {
  if (!raw) return null;
  const i = raw.indexOf(":");
  if (i <= 0) return null;
  const dimension = raw.slice(0, i);
  const value = raw.slice(i + 1);
  if (!NAME.test(dimension) || value === "" || value.length > MAX_VALUE_LENGTH) return null;
  return { dimension, value };
}

export const formatSlice = (s: Slice): string => `${s.dimension}:${s.value}`;

export const sameSlice = (a: Slice | null, b: Slice | null): boolean =>
  a === b || (a !== null && b !== null && a.dimension === b.dimension && a.value === b.value);

/** A value as a rollup key part: `%` -> `%25`, `|` -> `%7C` (the processor's escaping, so `%` first). */
export const escapeKeyPart = (v: string): string => v.replace(/%/g, "%25").replace(/\|/g, "%7C");

/** The rollup group `g` narrowed to the slice: `g@d=v`; `g` itself without one. */
export function sliceGroup(g: string, s: Slice | null): string {
  return s === null ? g : `${g}@${s.dimension}=${escapeKeyPart(s.value)}`;
}

/** The API's query parameter of the slice ({ environment: "prod" }); none without one. */
export function sliceParams(s: Slice | null): Record<string, string> {
  return s === null ? {} : { [s.dimension]: s.value };
}

/** "team = search" for notes and chips (the value made safe to show; it still goes in as text). */
export const sliceLabel = (s: Slice): string => `${s.dimension} = ${safeLabel(s.value)}`;

/**
 * An in-page link (`#/view?...`) with the slice added when it has none, so moving between views
 * keeps the filter; other links unchanged.
 */
export function withSlice(href: string, s: Slice | null): string {
  if (s === null || !href.startsWith("#/")) return href;
  const q = href.indexOf("?");
  const search = new URLSearchParams(q < 0 ? "" : href.slice(q + 1));
  if (search.has(SLICE_PARAM)) return href;
  search.set(SLICE_PARAM, formatSlice(s));
  return `${q < 0 ? href : href.slice(0, q)}?${search.toString()}`;
}
