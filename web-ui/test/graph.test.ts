import { activeContent } from "./dom-env";
import { test } from "node:test";
import assert from "node:assert/strict";
import { circleLayout, edgeWidth, errorClass, renderGraph } from "../src/views/graph";
import { parseHash, toHash } from "../src/router";
import { type Row, type ViewContext } from "../src/views/context";

const EVIL = "<img src=x onerror=alert(1)>\u202eevil";

const GRAPH: Row = {
  agents: { in_graph: 3, active: 4, total: 9 },
  nodes: [{ agent_id: EVIL, calls_out: 120, calls_in: 0, errors_in: 0 }, { agent_id: "search", calls_out: 6, calls_in: 120, errors_in: 7 },
    { agent_id: "db", calls_out: 0, calls_in: 6, errors_in: 0 }],
  edges: [{ caller: EVIL, callee: "search", calls: 120, errors: 7, rate_per_min: 2, error_rate: 7 / 120, p95_ms: 950 },
    { caller: "search", callee: "db", calls: 6, errors: 0, rate_per_min: 0.1, error_rate: 0, p95_ms: null }],
};

test("edges are coloured by error rate and sized by rate; nodes sit on a circle", () => {
  assert.equal(errorClass(0), "ok");
  assert.equal(errorClass(0.02), "warn");
  assert.equal(errorClass(0.05), "bad");
  assert.equal(errorClass(null), "ok");
  assert.equal(edgeWidth(2, 2), 8);
  assert.equal(edgeWidth(0, 2), 1.5);
  assert.equal(edgeWidth(1, 0), 8); // no busiest edge: capped, never NaN
  const pos = circleLayout(["a", "b", "c", "d"], 400);
  assert.deepEqual(pos.get("a"), { x: 200, y: 70 });
  assert.ok(Math.abs((pos.get("b")?.x ?? 0) - 330) < 1e-9);
  assert.deepEqual(circleLayout(["solo"], 400).get("solo"), { x: 200, y: 200 });
});

test("the Graph view writes hostile agent names as text and drills into an edge's calls", async () => {
  const state = parseHash(`#/graph?range=1h&caller=${encodeURIComponent(EVIL)}&callee=search`);
  assert.equal(state.view, "graph");
  assert.equal(parseHash(toHash(state)).params.caller, EVIL);
  const asked: string[] = [];
  const navs: unknown[] = [];
  const ctx: ViewContext = {
    state, from: 0, to: 3_600_000, charts: [], nav: (p) => { navs.push(p); },
    url: (path, params = {}) => `${path}?${new URLSearchParams(Object.entries(params)
      .filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, String(v)])).toString()}`,
    get: async <T>(url: string) => {
      asked.push(url);
      return (url.startsWith("/api/v1/graph/calls") ? { calls: [{ event_id: "c1", time: 1000, parent_event_id: "p1",
        operation: "invoke_agent", latency_ms: 120, status: "ERROR", error_type: EVIL }] } : GRAPH) as T;
    },
  };
  const root = document.createElement("div");
  await renderGraph(root, ctx);
  assert.deepEqual(activeContent(root).filter((h) => !h.startsWith("<svg")), []);
  assert.equal(root.querySelectorAll("img, script").length, 0);
  const labels = [...root.querySelectorAll(".graph-label")].map((e) => e.textContent);
  assert.deepEqual(labels, ["<img src=x onerror=alert(1)>evil", "search", "db"]);
  const lines = [...root.querySelectorAll("line.graph-edge")];
  assert.equal(lines.length, 2);
  assert.match(lines[0].getAttribute("class") ?? "", /bad chosen/);
  assert.match(lines[1].getAttribute("class") ?? "", /ok/);
  assert.equal(root.querySelector('[data-k="total"]')?.textContent, "9");
  const edgeRows = [...root.querySelectorAll("#graph-edges tbody tr")];
  assert.equal(edgeRows.length, 2);
  assert.equal(edgeRows[0].querySelector("td")?.textContent, "<img src=x onerror=alert(1)>evil");
  const callsUrl = asked.find((u) => u.startsWith("/api/v1/graph/calls?")) ?? "";
  assert.equal(new URLSearchParams(callsUrl.split("?")[1]).get("caller"), EVIL);
  const drill = [...root.querySelectorAll("#graph-drill tbody tr")];
  assert.equal(drill.length, 1);
  assert.equal(drill[0].querySelector(".event-link")?.getAttribute("href"), "#/events/c1");
  (edgeRows[1].querySelector("button.edge-calls") as HTMLElement).click();
  assert.deepEqual(navs, [{ params: { ...state.params, caller: "search", callee: "db" } }]);
});
