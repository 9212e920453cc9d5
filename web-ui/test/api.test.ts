import { test } from "node:test";
import assert from "node:assert/strict";
import { Api, instant, parseRollup, parseSummary, parseTimeseries, query } from "../src/api";
import { fakeFetch } from "./fake-fetch";

const frame = {
  granularity: "1m", grp: "model", agent_id: "*", model: "gpt-4o", operation: "*", window_start: 1_700_000_040_000,
  is_final: false, count: 12, errors: 1, input_tokens: 900, output_tokens: 300, cached_input_tokens: 100,
  cost_usd: 0.02, p50_ms: 210.5, p95_ms: 800, p99_ms: null,
};

test("a rollup frame parses into the typed snapshot", () => {
  const r = parseRollup(JSON.stringify(frame));
  assert.deepEqual(r, {
    grp: "model", agentId: "*", model: "gpt-4o", operation: "*", windowStart: 1_700_000_040_000, final: false,
    count: 12, errors: 1, inputTokens: 900, outputTokens: 300, cachedInputTokens: 100, costUsd: 0.02,
    p50: 210.5, p95: 800, p99: null,
  });
});

test("bad frames are rejected whole, bad numbers are neutralised", () => {
  assert.equal(parseRollup("not json"), null);
  assert.equal(parseRollup("[1,2]"), null);
  assert.equal(parseRollup(JSON.stringify({ ...frame, window_start: "soon" })), null);
  assert.equal(parseRollup(JSON.stringify({ ...frame, grp: 7 })), null);
  assert.equal(parseRollup(JSON.stringify({ ...frame, granularity: "1h" })), null);
  const r = parseRollup(JSON.stringify({ ...frame, count: -5, errors: "x", p50_ms: "fast", is_final: "yes" }));
  assert.ok(r);
  assert.equal(r.count, 0);
  assert.equal(r.errors, 0);
  assert.equal(r.p50, null);
  assert.equal(r.final, false, "only a real true is final");
});

test("summary tolerates null percentiles and ISO instants", () => {
  const s = parseSummary({ count: 10, errors: 2, error_rate: 0.2, latency_ms: { p50: null, p95: 5, p99: null },
    input_tokens: 1, output_tokens: 2, cost_usd: 0.5, from: "2026-01-01T00:00:00Z", to: 1_767_229_200_000 }, 1, 2);
  assert.equal(s.p50, null);
  assert.equal(s.p95, 5);
  assert.equal(s.from, Date.parse("2026-01-01T00:00:00Z"));
  assert.equal(s.to, 1_767_229_200_000);
  const empty = parseSummary({}, 100, 200);
  assert.deepEqual([empty.count, empty.from, empty.to, empty.p99], [0, 100, 200, null]);
  assert.throws(() => parseSummary("nope", 0, 0), /not a JSON object/);
});

test("timeseries drops series whose length disagrees with t", () => {
  const ts = parseTimeseries({ metric: "requests", step_ms: 60000, t: [0, 60000],
    series: [{ key: "all", values: [1, null] }, { key: "short", values: [1] }, "junk"] });
  assert.deepEqual(ts.series, [{ key: "all", values: [1, null] }]);
  assert.throws(() => parseTimeseries({ t: [0, "x"], series: [] }), /non-numeric/);
  assert.throws(() => parseTimeseries({}), /lacks/);
});

test("instants and query strings", () => {
  assert.equal(instant("garbage"), null);
  assert.equal(instant(5), 5);
  assert.equal(query({ grp: "all,model", from: 1 }), "grp=all%2Cmodel&from=1");
});

test("several metrics travel in one timeseries request and come back keyed by metric", async () => {
  const calls = fakeFetch({ "GET /api/v1/timeseries": [200, { metric: "requests,p95", step_ms: 60000, t: [0, 60000],
    series: [{ key: "requests", values: [3, null] }, { key: "p95", values: [120, null] }] }] });
  const ts = await new Api().timeseriesOf(["requests", "p95"], 0, 120000, 60000);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].url, "/api/v1/timeseries?metric=requests%2Cp95&from=0&to=120000&step=60000");
  assert.deepEqual(ts.series.map((s) => s.key), ["requests", "p95"]);
});
