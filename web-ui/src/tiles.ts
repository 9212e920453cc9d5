// The key-figure tiles: a pure function from state to display strings, and a writer that touches
// the DOM only where a string changed (textContent only: values may come from agents).

import type { Summary } from "./api";
import { errorRatio, formatCount, formatMs, formatPercent, formatRate, formatUsd, NONE } from "./format";
import { liveTotals, MINUTE_MS, type Baseline, type MinuteRing } from "./state";

/** Keys match the `data-k` attributes in index.html. */
export interface TileText {
  "req-last": string; "req-now": string;
  "err-hour": string; "err-last": string;
  "p50": string; "p95": string; "p99": string; "lat-hour": string;
  "tok-in": string; "tok-out": string;
  "cost-hour": string; "cost-last": string;
}

/** Computes every tile string at time `now` from the minute ring, the summary baseline and the summary. */
export function computeTiles(ring: MinuteRing, baseline: Baseline | null, summary: Summary | null, now: number): TileText {
  const current = ring.align(now);
  const last = ring.get(current - MINUTE_MS);
  const cur = ring.get(current);
  const hour = baseline ? liveTotals(baseline, ring, now) : null;
  return {
    "req-last": formatRate(last?.count),
    "req-now": cur?.count != null ? formatCount(cur.count) : NONE,
    "err-hour": formatPercent(hour ? errorRatio(hour.errors, hour.count) : null),
    "err-last": formatPercent(errorRatio(last?.errors, last?.count)),
    "p50": formatMs(last?.p50), "p95": formatMs(last?.p95), "p99": formatMs(last?.p99),
    "lat-hour": summary
      ? `${formatMs(summary.p50)} / ${formatMs(summary.p95)} / ${formatMs(summary.p99)}`
      : NONE,
    "tok-in": formatCount(hour?.inputTokens), "tok-out": formatCount(hour?.outputTokens),
    "cost-hour": formatUsd(hour?.costUsd), "cost-last": formatUsd(last?.costUsd),
  };
}

export class Tiles {
  private readonly els = new Map<string, HTMLElement>();
  private readonly shown = new Map<string, string>();

  constructor(root: ParentNode) {
    root.querySelectorAll<HTMLElement>("[data-k]").forEach((el) => this.els.set(el.dataset.k ?? "", el));
  }

  render(text: TileText): void {
    for (const [k, v] of Object.entries(text)) {
      if (this.shown.get(k) === v) continue;
      const el = this.els.get(k);
      if (!el) continue;
      el.textContent = v;
      this.shown.set(k, v);
    }
  }
}
