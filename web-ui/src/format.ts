// Pure formatting and escaping helpers. No DOM access here, so everything is unit-tested in node.

/** Placeholder shown when a value is unknown (null, NaN, never received). */
export const NONE = "\u2014";

const finite = (v: number | null | undefined): v is number =>
  typeof v === "number" && Number.isFinite(v);

/** Compact count: 950 -> "950", 12_345 -> "12.3k", 4_200_000 -> "4.2M". */
export function formatCount(v: number | null | undefined): string {
  if (!finite(v)) return NONE;
  const a = Math.abs(v);
  if (a < 1000) return Number.isInteger(v) ? String(v) : v.toFixed(1);
  const units: Array<[number, string]> = [[1e12, "T"], [1e9, "G"], [1e6, "M"], [1e3, "k"]];
  for (const [div, suffix] of units) {
    if (a >= div) {
      const x = v / div;
      return (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(1).replace(/\.0$/, "")) + suffix;
    }
  }
  return String(v);
}

/** A per-minute rate, e.g. "1.2k/min". */
export function formatRate(perMinute: number | null | undefined): string {
  return finite(perMinute) ? `${formatCount(perMinute)}/min` : NONE;
}

/** Ratio 0..1 as a percent with precision that keeps small error rates visible: 0.00042 -> "0.04%". */
export function formatPercent(ratio: number | null | undefined): string {
  if (!finite(ratio)) return NONE;
  const p = ratio * 100;
  if (p === 0) return "0%";
  if (Math.abs(p) < 0.01) return "<0.01%";
  if (Math.abs(p) < 10) return `${p.toFixed(2)}%`;
  return `${p.toFixed(1)}%`;
}

/** Error ratio, null when there were no requests (0/0 is unknown, not 0%). */
export function errorRatio(errors: number | null | undefined, count: number | null | undefined): number | null {
  if (!finite(errors) || !finite(count) || count <= 0) return null;
  return errors / count;
}

/** Latency in milliseconds: "850 ms", "12.4 ms", "1.25 s", "2.1 min". */
export function formatMs(ms: number | null | undefined): string {
  if (!finite(ms)) return NONE;
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** US dollars with enough digits for cents-per-call costs: 0.0042 -> "$0.0042", 1234.5 -> "$1,234.50". */
export function formatUsd(v: number | null | undefined): string {
  if (!finite(v)) return NONE;
  const a = Math.abs(v);
  const digits = a === 0 ? 2 : a < 0.01 ? 4 : a < 1 ? 3 : 2;
  return (v < 0 ? "-$" : "$") + a.toLocaleString("en-US", {
    minimumFractionDigits: digits, maximumFractionDigits: digits,
  });
}

/** Clock time of an epoch-ms instant, "HH:MM" in local time. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;", "`": "&#96;",
};

/**
 * Escapes text for HTML. The page writes agent-supplied text with textContent only; this exists
 * for any place that must build markup (and is tested so nobody "simplifies" it).
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Longest label shown for an agent-supplied name (model, agent); longer ones are cut with an ellipsis. */
export const MAX_LABEL = 48;

/**
 * Makes an untrusted name safe to show as a label: non-string -> "_none", control and bidi-override
 * characters removed (they can reorder or hide neighbouring text), whitespace collapsed, length capped.
 */
export function safeLabel(raw: unknown): string {
  if (typeof raw !== "string") return "_none";
  const cleaned = raw
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (cleaned === "") return "_none";
  const chars = Array.from(cleaned); // by code point, so a cut never splits a surrogate pair
  return chars.length > MAX_LABEL ? chars.slice(0, MAX_LABEL - 1).join("") + "\u2026" : cleaned;
}
