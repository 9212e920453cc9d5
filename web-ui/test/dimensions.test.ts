import { activeContent } from "./dom-env";
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDimensions } from "../src/slice-picker";
import { ColumnBuffers, TOP_VALUES } from "../src/views/dimensions";

test("the dimension list keeps well-formed entries and string values only", () => {
  const dims = parseDimensions({ dimensions: [{ name: "environment", built_in: true, values: ["prod", 3, null, "<b>x</b>"] },
    { name: 7 }, null, { name: "team", values: "nope" }] });
  assert.deepEqual(dims, [{ name: "environment", builtIn: true, values: ["prod", "<b>x</b>"] }, { name: "team", builtIn: false, values: [] }]);
  assert.deepEqual(parseDimensions(null), []);
  assert.deepEqual(parseDimensions({ dimensions: "x" }), []);
});

test("chart columns: seconds, nulls as zero calls, at most TOP_VALUES series, buffers reused for the same shape", () => {
  const buf = new ColumnBuffers();
  const body = (k: number, v: number) => ({ t: [60_000, 120_000], series: Array.from({ length: k }, (_, i) => ({ key: `v${i}`, values: [v, null] })) });
  const a = buf.fill(body(2, 5));
  assert.deepEqual(a.labels, ["v0", "v1"]);
  assert.deepEqual(a.data, [[60, 120], [5, 0], [5, 0]]);
  const cols = a.data[1];
  const b = buf.fill(body(2, 9));
  assert.equal(b.data[1], cols, "the same array, filled in place");
  assert.deepEqual(b.data[1], [9, 0]);
  const c = buf.fill(body(TOP_VALUES + 3, 1));
  assert.equal(c.labels.length, TOP_VALUES);
  assert.equal(c.data.length, TOP_VALUES + 1);
  assert.deepEqual(buf.fill({ t: [1], series: [{ key: "bad", values: [1, 2] }] }).labels, [], "a series of the wrong length is dropped");
  assert.deepEqual(activeContent(document), []);
});
