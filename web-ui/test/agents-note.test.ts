import "./dom-env";
import { test } from "node:test";
import assert from "node:assert/strict";
import { coveredNote } from "../src/views/agents";
import { stamp } from "../src/views/context";

test("the agents table says which whole windows it covers, beyond the minute grid only", () => {
  assert.equal(coveredNote({ resolution_ms: 60_000, from: 0, to: 3_600_000 }), "");
  assert.equal(coveredNote({}), "");
  const from = Date.UTC(2026, 0, 1);
  const to = from + 14 * 2_419_200_000;
  assert.equal(coveredNote({ resolution_ms: 2_419_200_000, from, to }),
    ` \u00b7 totals over whole 28-day windows, ${stamp(from)} to ${stamp(to)}`);
  assert.match(coveredNote({ resolution_ms: 300_000, from, to: from + 3_600_000 }), /whole 5-minute windows/);
  assert.match(coveredNote({ resolution_ms: 3_600_000, from, to: from + 86_400_000 }), /whole 1-hour windows/);
});
