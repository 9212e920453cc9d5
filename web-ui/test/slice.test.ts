import { test } from "node:test";
import assert from "node:assert/strict";
import { escapeKeyPart, formatSlice, parseSlice, sameSlice, sliceGroup, sliceParams, withSlice } from "../src/slice";
import { parseHash, toHash } from "../src/router";
import { Api } from "../src/api";

const EVIL = "<img src=x onerror=alert(1)>";

test("the filter parses from the hash and round-trips, kept apart from the view's own parameters", () => {
  const s = parseHash("#/agents?range=6h&slice=team%3Asearch&status=error");
  assert.deepEqual(s.slice, { dimension: "team", value: "search" });
  assert.deepEqual(s.params, { status: "error" }, "slice is not a view parameter");
  assert.deepEqual(parseHash(toHash(s)), s);
  assert.equal(parseHash("#/agents?range=6h").slice, null);
});

test("a value may hold anything, colons and markup included: split at the first colon only", () => {
  assert.deepEqual(parseSlice("environment:eu:prod"), { dimension: "environment", value: "eu:prod" });
  const s = parseHash(toHash({ ...parseHash("#/overview"), slice: { dimension: "team", value: `${EVIL}|50%` } }));
  assert.deepEqual(s.slice, { dimension: "team", value: `${EVIL}|50%` });
  assert.equal(formatSlice({ dimension: "tool_name", value: "a:b" }), "tool_name:a:b");
});

test("malformed filters are no filter: no colon, empty part, a name the server cannot have, an overlong value", () => {
  for (const raw of [null, "", "team", ":x", "team:", "Team:x", "te am:x", "t<b>:x", `team:${"v".repeat(257)}`]) {
    assert.equal(parseSlice(raw), null, String(raw));
  }
  assert.deepEqual(parseSlice(`team:${"v".repeat(256)}`)?.value.length, 256);
});

test("the slice's rollup group escapes the value like every key part (% first, then |)", () => {
  assert.equal(escapeKeyPart("a|b%7C"), "a%7Cb%257C");
  assert.equal(sliceGroup("all", null), "all");
  assert.equal(sliceGroup("all", { dimension: "environment", value: "prod" }), "all@environment=prod");
  assert.equal(sliceGroup("model", { dimension: "team", value: "x|y%" }), "model@team=x%7Cy%25");
});

test("the API parameter is the dimension's name", () => {
  assert.deepEqual(sliceParams({ dimension: "team", value: EVIL }), { team: EVIL });
  assert.deepEqual(sliceParams(null), {});
  assert.ok(sameSlice(null, null));
  assert.ok(sameSlice({ dimension: "a", value: "b" }, { dimension: "a", value: "b" }));
  assert.ok(!sameSlice({ dimension: "a", value: "b" }, { dimension: "a", value: "c" }));
  assert.ok(!sameSlice({ dimension: "a", value: "b" }, null));
});

test("in-page links gain the filter unless they carry one; other links stay", () => {
  const s = { dimension: "environment", value: "prod" };
  assert.equal(withSlice("#/agents/a%2Fb?range=1h", s), "#/agents/a%2Fb?range=1h&slice=environment%3Aprod");
  assert.equal(withSlice("#/events", s), "#/events?slice=environment%3Aprod");
  assert.equal(withSlice("#/events?slice=team%3Ax", s), "#/events?slice=team%3Ax");
  assert.equal(withSlice("/api/v1/agents?format=csv", s), "/api/v1/agents?format=csv");
  assert.equal(withSlice("#/events", null), "#/events");
  assert.deepEqual(parseHash(withSlice("#/cost?range=7d", { dimension: "team", value: EVIL })).slice, { dimension: "team", value: EVIL });
});

test("the live page's stream subscribes to the slice's groups and its requests carry the filter", () => {
  const api = new Api();
  assert.equal(api.streamUrl(["all", "model"]), "/api/v1/stream?grp=all%2Cmodel&granularity=1m");
  api.slice = { dimension: "team", value: "a|b" };
  const grps = new URL(api.streamUrl(["all", "model"]), "http://x").searchParams.getAll("grp");
  assert.deepEqual(grps, ["all@team=a%7Cb", "model@team=a%7Cb"], "a slice per parameter: values may hold commas");
  api.slice = { dimension: "team", value: "a,b" };
  assert.deepEqual(new URL(api.streamUrl(["all"]), "http://x").searchParams.getAll("grp"), ["all@team=a,b"]);
});
