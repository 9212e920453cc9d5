import { test } from "node:test";
import assert from "node:assert/strict";
import { computeTiles } from "../src/tiles";
import { captureBaseline, MINUTE_MS as M, MinuteRing } from "../src/state";
import { NONE } from "../src/format";

const T0 = 1_700_000_000_000 - (1_700_000_000_000 % M);

test("tiles show the last full minute, the current minute and the hour", () => {
  const r = new MinuteRing(120);
  r.upsert(T0, { count: 1200, errors: 12, p50: 200, p95: 950, p99: 2400, costUsd: 1.5, inputTokens: 1e6, outputTokens: 2e5 });
  r.upsert(T0 + M, { count: 300, errors: 0, costUsd: 0.3, inputTokens: 1000, outputTokens: 100 });
  const base = captureBaseline({ count: 1200, errors: 12, inputTokens: 1e6, outputTokens: 2e5, costUsd: 1.5 }, r, T0, T0 + 59_000);
  const summary = { count: 1200, errors: 12, errorRate: 0.01, p50: 210, p95: null, p99: 2500,
    inputTokens: 1e6, outputTokens: 2e5, costUsd: 1.5, from: T0, to: T0 + 59_000 };
  const t = computeTiles(r, base, summary, T0 + M + 20_000);
  assert.equal(t["req-last"], "1.2k/min");
  assert.equal(t["req-now"], "300");
  assert.equal(t["err-last"], "1.00%");
  assert.equal(t["err-hour"], "0.80%");
  assert.equal(t.p95, "950 ms");
  assert.equal(t.p99, "2.40 s");
  assert.equal(t["lat-hour"], `210 ms / ${NONE} / 2.50 s`);
  assert.equal(t["tok-in"], "1M");
  assert.equal(t["cost-hour"], "$1.80");
});

test("tiles before any data are dashes", () => {
  const t = computeTiles(new MinuteRing(10), null, null, T0);
  assert.ok(Object.values(t).every((v) => v === NONE));
});
