import "./dom-env";
import { activeContent } from "./dom-env";
import { test } from "node:test";
import assert from "node:assert/strict";
import { dataTable } from "../src/views/table";
import { nestedRow } from "../src/views/change";
import { formatUsd } from "../src/format";

const EVIL = "<img src=x onerror=alert(1)>";
const columns = [
  { key: "agent_id", label: "Agent" },
  { key: "cost_usd", label: "Cost", numeric: true, fmt: (v: unknown) => formatUsd(typeof v === "number" ? v : null) },
];

test("compared rows get a change column after each compared figure, text only", () => {
  const box = dataTable({ id: "t", caption: "Cost", columns, rows: [
    { agent_id: EVIL, cost_usd: 3, previous_cost_usd: 2, delta_cost_usd: 1, delta_pct_cost_usd: 0.5 },
    { agent_id: "new-agent", cost_usd: 1, previous_cost_usd: null, delta_cost_usd: null, delta_pct_cost_usd: null },
  ] });
  const heads = [...box.querySelectorAll("th")].map((th) => th.textContent?.replace(/ [\u25BE\u25B4]$/, ""));
  assert.deepEqual(heads, ["Agent", "Cost", "\u0394 Cost"]);
  const changes = [...box.querySelectorAll("[data-change=cost_usd]")];
  assert.equal(changes[0].textContent, "\u25B2 50%");
  assert.equal(changes[0].className, "change bad");
  assert.equal(changes[0].getAttribute("title"), "change +$1.00 (previous period $2.00)");
  assert.equal(changes[1].textContent, "\u2014");
  assert.deepEqual(activeContent(box), []);
  assert.ok(box.textContent?.includes(EVIL));
});

test("rows without a comparison keep their columns", () => {
  const box = dataTable({ id: "t", caption: "Cost", columns, rows: [{ agent_id: "a", cost_usd: 3 }] });
  assert.equal(box.querySelectorAll("th").length, 2);
});

test("a nested figure object reads as a compared row", () => {
  const r = nestedRow({ totals: { count: 5, cost_usd: 2 }, previous_totals: { count: 4, cost_usd: 1 },
    delta_totals: { count: 1, cost_usd: 1 }, delta_pct_totals: { count: 0.25, cost_usd: 1 } }, "totals");
  assert.equal(r.previous_count, 4);
  assert.equal(r.delta_pct_cost_usd, 1);
  assert.deepEqual(nestedRow({ totals: { count: 5 } }, "totals"), { count: 5 });
});

test("the cost view marks each day's total one period earlier, and its tile says the change", async () => {
  const { renderCost } = await import("../src/views/cost");
  const body = {
    total_usd: 6, previous_total_usd: 4, delta_total_usd: 2, delta_pct_total_usd: 0.5, by_agent: [], by_model: [],
    by_day: { step_ms: 86_400_000, t: [0, 86_400_000], series: [
      { key: "m1", values: [1, 2], previous: [0.5, null], delta: [0.5, null], delta_pct: [1, null] },
      { key: EVIL, values: [1, 2], previous: [1.5, null], delta: [-0.5, null], delta_pct: [-0.25, null] }] },
  };
  const root = document.createElement("div");
  const ctx = { state: { compare: true }, from: 0, to: 2 * 86_400_000, charts: [], url: (p: string) => `${p}?compare=previous`,
    get: async () => body, nav: () => undefined } as unknown as Parameters<typeof renderCost>[1];
  await renderCost(root, ctx);
  const marks = root.querySelectorAll("svg.stack .previous-line");
  assert.equal(marks.length, 1, "only the day that pairs with one is marked");
  assert.match(marks[0].textContent ?? "", /one period earlier: \$2\.00/);
  const change = root.querySelector(".tiles [data-change=total_usd]");
  assert.equal(change?.textContent, "\u25B2 50%");
  assert.equal(change?.className, "change bad");
  assert.deepEqual(activeContent(root).filter((h) => !h.startsWith("<svg")), []);
});
