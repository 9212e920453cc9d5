// Change against the previous period (the API's ?compare=previous adds previous_F, delta_F and
// delta_pct_F to every figure F). Pure: how a change reads (arrow + relative %) and whether it is
// good or bad for the metric, unit-tested in node.

/** Whether a rise of the metric is good, bad, or neither (volumes: more calls is not a verdict). */
export type Direction = "up-good" | "up-bad" | "neutral";

/** The direction of each figure the API names; unknown keys are neutral. */
const DIRECTIONS: Record<string, Direction> = {
  errors: "up-bad", error_rate: "up-bad", p50_ms: "up-bad", p95_ms: "up-bad", p99_ms: "up-bad",
  p50: "up-bad", p95: "up-bad", p99: "up-bad", cost_usd: "up-bad", cost_per_call: "up-bad", cost_per_request: "up-bad",
  total_usd: "up-bad", burn_rate: "up-bad", cost: "up-bad",
  availability: "up-good", error_budget_remaining: "up-good", success_rate: "up-good", mean_score: "up-good",
};

export const directionOf = (key: string): Direction => DIRECTIONS[key] ?? "neutral";

export interface Change {
  /** What the cell shows: "▲ 12.3%", "▼ 4.0%", "0%", "▲ from 0", or "—" (nothing to compare with). */
  text: string;
  tone: "good" | "bad" | "flat" | "none";
}

const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Relative change as a percent: 0.1234 -> "12.3%", 2.5 -> "250%", 45 -> ">999%". */
export function formatRelative(pct: number): string {
  const p = Math.abs(pct * 100);
  if (p > 999) return ">999%";
  return p < 10 ? `${p.toFixed(1)}%` : `${Math.round(p)}%`;
}

/**
 * The change of a figure from the API's previous/delta/delta_pct (delta_pct is null when the
 * previous is 0 or absent: then "from 0", or "—" when there is no previous value at all).
 */
export function change(previous: unknown, delta: unknown, pct: unknown, dir: Direction): Change {
  if (!finite(previous) || !finite(delta)) return { text: "\u2014", tone: "none" };
  if (delta === 0) return { text: "0%", tone: "flat" };
  const arrow = delta > 0 ? "\u25B2" : "\u25BC";
  const tone = dir === "neutral" ? "flat" : (delta > 0) === (dir === "up-good") ? "good" : "bad";
  return { text: `${arrow} ${finite(pct) ? formatRelative(pct) : "from 0"}`, tone };
}

/** The tooltip: absolute change and the previous value, each in the metric's own format. */
export function changeTitle(previous: unknown, delta: unknown, fmt: (v: number | null) => string): string {
  if (!finite(previous)) return "no value in the previous period";
  const d = finite(delta) ? `${delta > 0 ? "+" : ""}${fmt(delta)}` : "\u2014";
  return `change ${d} (previous period ${fmt(previous)})`;
}

/** previous_F, delta_F and delta_pct_F of a row or answer. */
export function figures(row: Record<string, unknown>, key: string): { previous: unknown; delta: unknown; pct: unknown } {
  return { previous: row[`previous_${key}`], delta: row[`delta_${key}`], pct: row[`delta_pct_${key}`] };
}

/** Whether the answer (or a row of it) carries a comparison for `key`. */
export const hasPrevious = (row: Record<string, unknown>, key: string): boolean => `previous_${key}` in row;
