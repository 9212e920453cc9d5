// The query API's HTTP contract: typed, validated parsing of every payload, and fetch wrappers.
// Payloads are untrusted: anything malformed becomes null or an Error, never a half-typed object.
// Requests go through http.ts (the one fetch wrapper: CSRF, session, timeout).

import { getJson } from "./http";
import { sliceGroup, sliceParams, type Slice } from "./slice";

export interface Summary {
  count: number; errors: number; errorRate: number | null;
  p50: number | null; p95: number | null; p99: number | null;
  inputTokens: number; outputTokens: number; costUsd: number;
  from: number; to: number;
}

export interface Timeseries { metric: string; stepMs: number; t: number[]; series: { key: string; values: (number | null)[] }[] }

/** One SSE `rollup` frame: a cumulative snapshot of a window (replace, never add). */
export interface Rollup {
  grp: string; agentId: string | null; model: string | null; operation: string | null;
  windowStart: number; final: boolean;
  count: number; errors: number; inputTokens: number; outputTokens: number; cachedInputTokens: number;
  costUsd: number; p50: number | null; p95: number | null; p99: number | null;
}

export const METRICS = ["requests", "errors", "error_rate", "p50", "p95", "p99",
  "input_tokens", "output_tokens", "tokens", "cost"] as const;
export type Metric = (typeof METRICS)[number];
export type GroupBy = "none" | "model" | "agent" | "operation";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const nonNeg = (v: unknown): number => Math.max(0, num(v) ?? 0);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

/** Parses /api/v1/summary. Counters default to 0, percentiles may be null; from/to fall back to the request. */
export function parseSummary(body: unknown, reqFrom: number, reqTo: number): Summary {
  if (!isObj(body)) throw new Error("The summary response is not a JSON object.");
  const lat = isObj(body.latency_ms) ? body.latency_ms : {};
  return {
    count: nonNeg(body.count), errors: nonNeg(body.errors), errorRate: num(body.error_rate),
    p50: num(lat.p50), p95: num(lat.p95), p99: num(lat.p99),
    inputTokens: nonNeg(body.input_tokens), outputTokens: nonNeg(body.output_tokens), costUsd: nonNeg(body.cost_usd),
    from: instant(body.from) ?? reqFrom, to: instant(body.to) ?? reqTo,
  };
}

/** Epoch ms from a number or an ISO-8601 string, else null. */
export function instant(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string") { const t = Date.parse(v); return Number.isFinite(t) ? t : null; }
  return null;
}

/** Parses /api/v1/timeseries; series whose length differs from `t` are rejected, not guessed. */
export function parseTimeseries(body: unknown): Timeseries {
  if (!isObj(body) || !Array.isArray(body.t) || !Array.isArray(body.series)) {
    throw new Error("The timeseries response lacks the arrays \"t\" and \"series\".");
  }
  const t = body.t.map(num);
  if (t.some((x) => x === null)) throw new Error("The timeseries response has a non-numeric timestamp.");
  const series = body.series.filter(isObj).map((s) => ({
    key: str(s.key) ?? "_none",
    values: Array.isArray(s.values) ? s.values.map(num) : [],
  })).filter((s) => s.values.length === t.length);
  return { metric: str(body.metric) ?? "", stepMs: num(body.step_ms) ?? 60_000, t: t as number[], series };
}

/** Parses one SSE data line; returns null for anything that is not a usable rollup. */
export function parseRollup(data: string): Rollup | null {
  let o: unknown;
  try { o = JSON.parse(data); } catch { return null; }
  if (!isObj(o)) return null;
  const ws = num(o.window_start);
  const grp = str(o.grp);
  if (ws === null || grp === null) return null;
  if (o.granularity !== undefined && o.granularity !== "1m") return null; // the page shows minutes only
  return {
    grp, agentId: str(o.agent_id), model: str(o.model), operation: str(o.operation),
    windowStart: ws, final: o.is_final === true,
    count: nonNeg(o.count), errors: nonNeg(o.errors), inputTokens: nonNeg(o.input_tokens),
    outputTokens: nonNeg(o.output_tokens), cachedInputTokens: nonNeg(o.cached_input_tokens),
    costUsd: nonNeg(o.cost_usd), p50: num(o.p50_ms), p95: num(o.p95_ms), p99: num(o.p99_ms),
  };
}

/** Query string in a fixed key order (stable URLs are easier to read in logs). */
export function query(params: Record<string, string | number>): string {
  return Object.entries(params).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join("&");
}

export class Api {
  /** The dimension filter every request and the stream follow (null: the whole fleet). */
  slice: Slice | null = null;

  constructor(private readonly base = "/api/v1") {}

  async summary(from: number, to: number, signal?: AbortSignal): Promise<Summary> {
    return parseSummary(await getJson(`${this.base}/summary?${query({ from, to, ...sliceParams(this.slice) })}`, signal), from, to);
  }

  /** `step` is in milliseconds, matching the response's `step_ms`. */
  async timeseries(metric: Metric, from: number, to: number, stepMs: number, groupBy: GroupBy = "none",
    signal?: AbortSignal): Promise<Timeseries> {
    const q = query({ metric, from, to, step: stepMs, group_by: groupBy, ...sliceParams(this.slice) });
    return parseTimeseries(await getJson(`${this.base}/timeseries?${q}`, signal));
  }

  /**
   * Several metrics over one range in one request and one read of the rollups (no grouping): one
   * series per metric, keyed by the metric's name.
   */
  async timeseriesOf(metrics: readonly Metric[], from: number, to: number, stepMs: number, signal?: AbortSignal): Promise<Timeseries> {
    const q = query({ metric: metrics.join(","), from, to, step: stepMs, ...sliceParams(this.slice) });
    return parseTimeseries(await getJson(`${this.base}/timeseries?${q}`, signal));
  }

  /**
   * Minute frames only (`granularity` is an optional filter of the stream; the page drops others
   * anyway). With a slice, the groups are its slices (`all@environment=prod`), each in a `grp`
   * parameter of its own: the server takes such a value whole, as values may hold commas.
   */
  streamUrl(groups: string[]): string {
    const grps = this.slice === null ? [query({ grp: groups.join(",") })]
      : groups.map((g) => query({ grp: sliceGroup(g, this.slice) }));
    return `${this.base}/stream?${[...grps, query({ granularity: "1m" })].join("&")}`;
  }
}
