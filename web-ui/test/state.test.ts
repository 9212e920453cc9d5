import { test } from "node:test";
import assert from "node:assert/strict";
import { captureBaseline, frameBatcher, KeyedRings, liveTotals, MINUTE_MS as M, MinuteRing, OTHER, ratioColumn } from "../src/state";

const T0 = 1_700_000_000_000 - (1_700_000_000_000 % M); // a minute boundary

test("upsert replaces a window's snapshot instead of adding to it", () => {
  const r = new MinuteRing(5);
  r.upsert(T0, { count: 10, errors: 1, p95: 300 });
  r.upsert(T0 + 12_345, { count: 25, errors: 2, p95: 280 }); // same minute, later cumulative snapshot
  assert.deepEqual(r.get(T0), { count: 25, errors: 2, inputTokens: null, outputTokens: null, costUsd: null,
    p50: null, p95: 280, p99: null });
});

test("ring wraps: capacity bounds memory and old minutes fall off", () => {
  const r = new MinuteRing(5);
  for (let i = 0; i < 12; i++) assert.equal(r.upsert(T0 + i * M, { count: i }), "applied");
  assert.equal(r.head, T0 + 11 * M);
  assert.equal(r.tail, T0 + 7 * M);
  assert.deepEqual(r.column("count"), [7, 8, 9, 10, 11]);
  assert.deepEqual(r.times(), [7, 8, 9, 10, 11].map((i) => (T0 + i * M) / 1000));
  assert.equal(r.get(T0 + 6 * M), null);
  assert.equal(r.upsert(T0 + 6 * M, { count: 99 }), "too-old");
  assert.deepEqual(r.column("count"), [7, 8, 9, 10, 11]);
});

test("out-of-order snapshots land in their own window", () => {
  const r = new MinuteRing(5);
  r.upsert(T0 + 3 * M, { count: 3 });
  r.upsert(T0 + 1 * M, { count: 1 });
  r.upsert(T0 + 2 * M, { count: 2 });
  assert.deepEqual(r.column("count").slice(-3), [1, 2, 3]);
});

test("first advance leaves history unknown; minutes passed live read as zero traffic", () => {
  const r = new MinuteRing(4);
  r.advanceTo(T0);
  assert.deepEqual(r.column("count"), [null, null, null, null]);
  r.upsert(T0, { count: 5, p50: 100 });
  r.advanceTo(T0 + 2 * M + 59_999);
  assert.deepEqual(r.column("count"), [null, 5, 0, 0]);
  assert.deepEqual(r.column("p50"), [null, 100, null, null], "percentiles of empty minutes are unknown");
  r.advanceTo(T0 + M); // going back is a no-op
  assert.equal(r.head, T0 + 2 * M);
});

test("a jump longer than the ring clears everything", () => {
  const r = new MinuteRing(3);
  r.upsert(T0, { count: 1 });
  r.upsert(T0 + 10 * M, { count: 2 });
  assert.deepEqual(r.column("count"), [0, 0, 2]);
});

test("a final window is not overwritten by a late non-final frame, but a newer final is", () => {
  const r = new MinuteRing(3);
  r.upsert(T0, { count: 10 }, true);
  assert.equal(r.upsert(T0, { count: 7 }), "stale");
  assert.equal(r.get(T0)?.count, 10);
  assert.equal(r.upsert(T0, { count: 11 }, true), "applied");
  assert.equal(r.get(T0)?.count, 11);
});

test("sum and ratio columns", () => {
  const r = new MinuteRing(4);
  r.upsert(T0, { count: 10, errors: 1 });
  r.upsert(T0 + M, { count: 0, errors: 0 });
  r.upsert(T0 + 2 * M, { count: 4, errors: 2 });
  assert.equal(r.sum("count", T0 - 10 * M, T0 + 10 * M), 14);
  assert.equal(r.sum("count", T0 + M, T0 + 2 * M), 4);
  assert.deepEqual(ratioColumn(r.column("errors"), r.column("count")), [null, 0.1, null, 0.5]);
});

test("keyed rings fold keys beyond the cap into _other and rank by traffic", () => {
  const k = new KeyedRings(5, 3);
  k.ring("a").upsert(T0, { count: 1 });
  k.ring("b").upsert(T0, { count: 50 });
  const folded = k.ring("c");
  assert.equal(folded, k.ring("d"), "c and d share the overflow ring");
  folded.upsert(T0, { count: 20 });
  assert.deepEqual([...k.rings.keys()].sort(), ["_other", "a", "b"]);
  assert.equal(k.ring(OTHER), folded);
  assert.deepEqual(k.top(2), ["b", OTHER]);
});

test("live totals: summary plus deltas of seen windows plus new windows minus windows that slid out", () => {
  const r = new MinuteRing(120);
  for (let i = 0; i < 60; i++) r.upsert(T0 + i * M, { count: 10, errors: 1, costUsd: 0.5, inputTokens: 100, outputTokens: 10 });
  // The summary says 600 requests over [T0, T0+60m); windows 0..59 as the ring had them then.
  const base = captureBaseline({ count: 600, errors: 60, inputTokens: 6000, outputTokens: 600, costUsd: 30 }, r, T0, T0 + 59 * M + 30_000);
  assert.equal(base.windows.size, 60);
  let now = T0 + 59 * M + 30_000;
  assert.equal(liveTotals(base, r, now).count, 600);
  r.upsert(T0 + 59 * M, { count: 13, errors: 1, costUsd: 0.65, inputTokens: 130, outputTokens: 13 }); // current window grew
  assert.equal(liveTotals(base, r, now).count, 603);
  now = T0 + 60 * M + 1_000; // a new minute: window 0 slid out, window 60 is new
  r.upsert(now, { count: 4, errors: 2, costUsd: 0.2, inputTokens: 40, outputTokens: 4 });
  const t = liveTotals(base, r, now);
  assert.equal(t.count, 603 - 10 + 4);
  assert.equal(t.errors, 60 - 1 + 2);
  assert.ok(Math.abs(t.costUsd - (30 + 0.15 - 0.5 + 0.2)) < 1e-9);
  assert.equal(t.inputTokens, 6000 + 30 - 100 + 40);
});

test("live totals never go negative when the summary lags the ring", () => {
  const r = new MinuteRing(10);
  r.upsert(T0, { count: 50 });
  const base = captureBaseline({ count: 0, errors: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 }, r, T0, T0);
  assert.equal(liveTotals(base, r, T0 + 61 * M).count, 0);
});

test("frame batcher draws once per frame however many changes arrive", () => {
  const frames: (() => void)[] = [];
  let draws = 0;
  const mark = frameBatcher(() => draws++, (cb) => frames.push(cb));
  for (let i = 0; i < 1000; i++) mark();
  assert.equal(frames.length, 1);
  frames.shift()?.();
  assert.equal(draws, 1);
  mark();
  mark();
  assert.equal(frames.length, 1, "a change after the frame schedules the next one");
});
