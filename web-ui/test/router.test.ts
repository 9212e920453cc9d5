import { test } from "node:test";
import assert from "node:assert/strict";
import { parseHash, resolveRange, toHash, RANGES } from "../src/router";

test("the URL state round-trips: view, id, range, compare and filters", () => {
  const s = parseHash("#/events/ev%2F1?range=6h&compare=1&status=error&min_latency_ms=500");
  assert.equal(s.view, "events");
  assert.equal(s.id, "ev/1");
  assert.equal(s.range, "6h");
  assert.equal(s.compare, true);
  assert.deepEqual(s.params, { status: "error", min_latency_ms: "500" });
  assert.deepEqual(parseHash(toHash(s)), s);
});

test("unknown views and ranges fall back to the overview and the last hour", () => {
  const s = parseHash("#/nope?range=5y");
  assert.equal(s.view, "overview");
  assert.equal(s.range, "1h");
  assert.equal(parseHash("").view, "overview");
  assert.equal(parseHash("#/agents/%E0%A4%A").id, null, "a malformed escape is no id");
});

test("hostile ids survive the hash as data", () => {
  const evil = "<img src=x onerror=alert(1)>";
  const s = parseHash(toHash({ ...parseHash("#/agents"), id: evil }));
  assert.equal(s.id, evil);
});

test("ranges: presets end now, custom uses from/to, a bad custom falls back", () => {
  const now = 1_800_000_000_000;
  assert.deepEqual(resolveRange(parseHash("#/cost?range=7d"), now), { from: now - RANGES["7d"], to: now });
  assert.deepEqual(resolveRange(parseHash("#/cost?range=custom&from=10&to=20"), now), { from: 10, to: 20 });
  assert.deepEqual(resolveRange(parseHash("#/cost?range=custom&from=20&to=10"), now), { from: now - RANGES["1h"], to: now });
  assert.ok(toHash(parseHash("#/cost?range=custom&from=10&to=20")).includes("from=10&to=20"));
});
