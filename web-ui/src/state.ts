// Client-side state: fixed-size per-minute ring buffers and the merge rules for rollup snapshots.
// Pure (no DOM, no timers): time is always passed in, so node tests drive it.

export const MINUTE_MS = 60_000;

/** Numeric fields of one window; counts and tokens are totals for the window, p* are milliseconds. */
export const FIELDS = ["count", "errors", "inputTokens", "outputTokens", "costUsd", "p50", "p95", "p99"] as const;
export type Field = (typeof FIELDS)[number];
export type Values = Partial<Record<Field, number | null>>;
/** Fields that are additive totals; a minute watched live with no rollup had zero of each. */
export const ADDITIVE: ReadonlySet<Field> = new Set(["count", "errors", "inputTokens", "outputTokens", "costUsd"]);

export type Upsert = "applied" | "stale" | "too-old";

/**
 * Fixed-capacity ring of minute windows, newest at `head`. Slot i holds window start
 * `head - (capacity-1-k) * step` for some k; memory never grows, old minutes fall off.
 */
export class MinuteRing {
  private readonly starts: Float64Array; // window start per slot (epoch ms), NaN = never filled
  private readonly finals: Uint8Array;
  private readonly cols: Record<Field, (number | null)[]>;
  /** Newest window start held (epoch ms), -Infinity while empty. */
  head = -Infinity;

  constructor(readonly capacity = 120, readonly step = MINUTE_MS) {
    if (!(capacity > 0) || !(step > 0)) throw new Error("MinuteRing needs a positive capacity and step.");
    this.starts = new Float64Array(capacity).fill(NaN);
    this.finals = new Uint8Array(capacity);
    this.cols = Object.fromEntries(FIELDS.map((f) => [f, new Array(capacity).fill(null)])) as never;
  }

  align(ms: number): number { return Math.floor(ms / this.step) * this.step; }

  private slot(ws: number): number {
    const i = Math.floor(ws / this.step) % this.capacity;
    return i < 0 ? i + this.capacity : i;
  }

  private reset(ws: number, live: boolean): void {
    const s = this.slot(ws);
    this.starts[s] = ws;
    this.finals[s] = 0;
    for (const f of FIELDS) this.cols[f][s] = live && ADDITIVE.has(f) ? 0 : null;
  }

  /**
   * Moves the newest window forward to `ws` (aligned down). Minutes skipped while live read as
   * zero traffic; on the very first advance the whole ring is unknown (null) instead.
   */
  advanceTo(ms: number): void {
    const ws = this.align(ms);
    if (ws <= this.head) return;
    const first = this.head === -Infinity;
    const from = first || ws - this.head >= this.capacity * this.step
      ? ws - (this.capacity - 1) * this.step : this.head + this.step;
    for (let w = from; w <= ws; w += this.step) this.reset(w, !first);
    this.head = ws;
  }

  /** Oldest window start still held. */
  get tail(): number { return this.head - (this.capacity - 1) * this.step; }

  /**
   * Replaces the fields given for window `ws` (a cumulative snapshot: replace, never add).
   * A final window is never overwritten by a non-final snapshot (a late replayed frame).
   */
  upsert(ms: number, values: Values, final = false): Upsert {
    const ws = this.align(ms);
    if (ws > this.head) this.advanceTo(ws);
    if (ws < this.tail) return "too-old";
    const s = this.slot(ws);
    if (this.finals[s] && !final) return "stale";
    for (const f of FIELDS) {
      const v = values[f];
      if (v !== undefined) this.cols[f][s] = v;
    }
    if (final) this.finals[s] = 1;
    return "applied";
  }

  /** Values of window `ms`, or null when it is outside the ring. */
  get(ms: number): Record<Field, number | null> | null {
    const ws = this.align(ms);
    if (ws > this.head || ws < this.tail) return null;
    const s = this.slot(ws);
    return Object.fromEntries(FIELDS.map((f) => [f, this.cols[f][s]])) as Record<Field, number | null>;
  }

  /** Time axis oldest -> newest, in epoch seconds (uPlot's unit). */
  times(): number[] {
    const out = new Array<number>(this.capacity);
    for (let k = 0; k < this.capacity; k++) out[k] = (this.tail + k * this.step) / 1000;
    return out;
  }

  /** One field as a column aligned with times(): the shape uPlot takes. */
  column(f: Field): (number | null)[] {
    const out = new Array<number | null>(this.capacity);
    if (this.head === -Infinity) return out.fill(null);
    const src = this.cols[f];
    for (let k = 0; k < this.capacity; k++) out[k] = src[this.slot(this.tail + k * this.step)];
    return out;
  }

  /** Sum of an additive field over windows [fromMs, toMs] (nulls count as 0). */
  sum(f: Field, fromMs: number, toMs: number): number {
    let total = 0;
    for (let w = Math.max(this.align(fromMs), this.tail); w <= Math.min(this.align(toMs), this.head); w += this.step) {
      total += this.cols[f][this.slot(w)] ?? 0;
    }
    return total;
  }
}

/** Ratio column errors/count per slot; null where there was no traffic. */
export function ratioColumn(errors: (number | null)[], counts: (number | null)[]): (number | null)[] {
  return counts.map((c, i) => {
    const e = errors[i];
    return c != null && c > 0 && e != null ? e / c : null;
  });
}

/** Bucket for model names beyond the cap: the page never holds more than `maxKeys` rings. */
export const OTHER = "_other";

/** Per-key rings (one per model) with a hard cap on how many keys are tracked. */
export class KeyedRings {
  readonly rings = new Map<string, MinuteRing>();
  constructor(readonly capacity = 120, readonly maxKeys = 50) {}

  ring(key: string): MinuteRing {
    let r = this.rings.get(key);
    if (r) return r;
    const k = this.rings.size >= this.maxKeys - 1 && key !== OTHER ? OTHER : key;
    r = this.rings.get(k);
    if (!r) {
      r = new MinuteRing(this.capacity);
      this.rings.set(k, r);
    }
    return r;
  }

  advanceTo(ms: number): void { for (const r of this.rings.values()) r.advanceTo(ms); }

  /** Keys ranked by total `count` over the ring, largest first, at most `n`. */
  top(n: number): string[] {
    return [...this.rings.entries()]
      .map(([k, r]) => [k, r.sum("count", r.tail, r.head)] as const)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, n)
      .map(([k]) => k);
  }
}

/** Totals over a period. */
export interface Totals { count: number; errors: number; inputTokens: number; outputTokens: number; costUsd: number }
export const TOTAL_FIELDS = ["count", "errors", "inputTokens", "outputTokens", "costUsd"] as const;

/** A server summary taken as the base, with the ring's view of each window at that moment. */
export interface Baseline { totals: Totals; windows: Map<number, Totals> }

/** Captures the ring's values for the windows the summary [fromMs, toMs] covered. */
export function captureBaseline(totals: Totals, ring: MinuteRing, fromMs: number, toMs: number): Baseline {
  const windows = new Map<number, Totals>();
  for (let w = Math.max(ring.align(fromMs), ring.tail); w <= Math.min(ring.align(toMs), ring.head); w += ring.step) {
    windows.set(w, windowTotals(ring, w));
  }
  return { totals, windows };
}

function windowTotals(ring: MinuteRing, ws: number): Totals {
  const v = ring.get(ws);
  const t = { count: 0, errors: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
  if (v) for (const f of TOTAL_FIELDS) t[f] = v[f] ?? 0;
  return t;
}

/**
 * Totals for the last `periodMs` ending at `now`: the summary plus live deltas. Windows the summary
 * saw add (live - seen then); newer windows add their live value; windows that slid out of the
 * period since the summary subtract what it counted. Exact to the minute; refresh the summary to
 * remove edge drift.
 */
export function liveTotals(base: Baseline, ring: MinuteRing, now: number, periodMs = 60 * MINUTE_MS): Totals {
  const out: Totals = { ...base.totals };
  const first = ring.align(now) - periodMs + ring.step; // oldest window inside the period
  const add = (t: Totals, sign: number) => { for (const f of TOTAL_FIELDS) out[f] += sign * t[f]; };
  for (const [ws, seen] of base.windows) {
    if (ws < first) add(seen, -1);
    else { add(windowTotals(ring, ws), 1); add(seen, -1); }
  }
  for (let w = Math.max(first, ring.tail); w <= ring.head; w += ring.step) {
    if (!base.windows.has(w)) add(windowTotals(ring, w), 1);
  }
  for (const f of TOTAL_FIELDS) out[f] = Math.max(0, out[f]);
  return out;
}

/**
 * Coalesces change notifications into one draw per animation frame: any number of mark() calls
 * between two frames schedule exactly one `draw`. `schedule` is requestAnimationFrame in the page.
 */
export function frameBatcher(draw: () => void, schedule: (cb: () => void) => unknown): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    schedule(() => { pending = false; draw(); });
  };
}
