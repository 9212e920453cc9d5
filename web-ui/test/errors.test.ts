import { test } from "node:test";
import assert from "node:assert/strict";
import { eventsHref } from "../src/views/errors";
import { parseHash } from "../src/router";
import type { ViewContext } from "../src/views/context";

function ctx(hash: string): ViewContext {
  return { state: parseHash(hash), from: 1_000, to: 61_000, url: () => "", get: async () => ({}) as never, nav: () => {}, charts: [] } as ViewContext;
}

test("an error type links to its failed calls over the view's range, with the view's filters", () => {
  const href = eventsHref(ctx("#/errors?range=1h&agent=a%7Cb&model=m1"), "Rate <limit> & co");
  const state = parseHash(href);
  assert.equal(state.view, "events");
  assert.equal(state.range, "custom");
  assert.deepEqual([state.from, state.to], [1_000, 61_000]);
  assert.deepEqual(state.params, { status: "ERROR", agent: "a|b", model: "m1", error_type: "Rate <limit> & co" });
});

test("_none asks for failed calls without a type; _other (many types) lists every failed call", () => {
  assert.equal(parseHash(eventsHref(ctx("#/errors"), "_none")).params.error_type, "_none");
  assert.equal(parseHash(eventsHref(ctx("#/errors"), "_other")).params.error_type, undefined);
  assert.equal(parseHash(eventsHref(ctx("#/errors"), "Timeout", { agent: "a2" })).params.agent, "a2");
});
