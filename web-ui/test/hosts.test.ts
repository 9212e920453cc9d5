import { activeContent } from "./dom-env";
import { test } from "node:test";
import assert from "node:assert/strict";
import { formatBytes, hostColumns, renderHosts } from "../src/views/hosts";
import { parseHash, toHash } from "../src/router";
import { type Row, type ViewContext } from "../src/views/context";

const EVIL = "<img src=x onerror=alert(1)>\u202eevil";

const SERIES: Row = {
  t: [60_000, 120_000, 180_000], hosts_total: 2,
  series: [
    { key: `${EVIL}/cpu_max`, host: EVIL, metric: "cpu_max", values: [0.5, null, 0.95] },
    { key: `${EVIL}/memory_max_bytes`, host: EVIL, metric: "memory_max_bytes", values: [2 ** 30, null, 2 ** 31] },
    { key: "web-1/cpu_max", host: "web-1", metric: "cpu_max", values: [0.1, 0.2, null] },
    { key: "web-1/memory_max_bytes", host: "web-1", metric: "memory_max_bytes", values: [null, 2 ** 29, 2 ** 29] },
  ],
};

test("host series become uPlot columns: seconds on x, CPU in percent, memory in GiB, gaps as null", () => {
  const cpu = hostColumns(SERIES, "cpu_max");
  assert.deepEqual(cpu.labels, ["<img src=x onerror=alert(1)>evil", "web-1"]); // bidi override removed
  assert.deepEqual(cpu.data, [[60, 120, 180], [50, null, 95], [10, 20, null]]);
  const mem = hostColumns(SERIES, "memory_max_bytes");
  assert.deepEqual(mem.data.slice(1), [[1, null, 2], [null, 0.5, 0.5]]);
  assert.deepEqual(hostColumns({}, "cpu_max"), { labels: [], data: [[]] });
  assert.equal(formatBytes(3 * 2 ** 30), "3.00 GiB");
  assert.equal(formatBytes(512 * 2 ** 20), "512 MiB");
  assert.equal(formatBytes(null), "\u2014");
});

test("compared, each host's previous period is its own line after the current ones", () => {
  const compared: Row = { t: [60_000, 120_000], series: [
    { key: "web-1/cpu_max", host: "web-1", metric: "cpu_max", values: [0.1, 0.2], previous: [0.3, null] },
    { key: "web-2/cpu_max", host: "web-2", metric: "cpu_max", values: [0.4, 0.5] },
  ] };
  const cpu = hostColumns(compared, "cpu_max", true);
  assert.deepEqual(cpu.labels, ["web-1", "web-2", "web-1 (previous)", "web-2 (previous)"]);
  assert.deepEqual(cpu.data, [[60, 120], [10, 20], [40, 50], [30, null], [null, null]]);
});

test("the Hosts view keeps its host in the URL and writes hostile names as text", async () => {
  const state = parseHash(`#/hosts?range=24h&host=${encodeURIComponent(EVIL)}`);
  assert.equal(state.view, "hosts");
  assert.equal(state.params.host, EVIL);
  assert.equal(parseHash(toHash(state)).params.host, EVIL);
  const asked: string[] = [];
  const ctx: ViewContext = {
    state, from: 0, to: 240_000, charts: [], nav: () => {},
    url: (path, params = {}) => `${path}?${new URLSearchParams(Object.entries(params)
      .filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, String(v)])).toString()}`,
    get: async <T>(url: string) => {
      asked.push(url);
      return (url.startsWith("/api/v1/hosts/timeseries") ? SERIES : {
        hosts: [{ host: EVIL, status: "hot", agents: [EVIL, "a2"], cpu: 0.95, cpu_max: 0.95, cpu_avg: 0.7,
          memory_bytes: 2 ** 31, memory_max_bytes: 2 ** 31, last_seen: 170_000 },
        { host: "web-1", status: "silent", agents: ["a1"], cpu: 0.2, cpu_max: 0.2, last_seen: 10_000 }],
      }) as T;
    },
  };
  const root = document.createElement("div");
  const frames: unknown[] = [];
  const raf = globalThis.requestAnimationFrame;
  globalThis.requestAnimationFrame = ((cb: FrameRequestCallback) => { frames.push(cb); return frames.length; }) as typeof raf;
  try {
    await renderHosts(root, ctx);
  } finally {
    globalThis.requestAnimationFrame = raf;
  }
  assert.equal(frames.length, 1); // both charts are drawn in one animation frame (uPlot needs a canvas: not run here)
  const seriesUrl = asked.find((u) => u.startsWith("/api/v1/hosts/timeseries?")) ?? "";
  assert.equal(new URLSearchParams(seriesUrl.split("?")[1]).get("host"), EVIL);
  assert.deepEqual(activeContent(root), []);
  const rowsShown = [...root.querySelectorAll("#hosts-table tbody tr")];
  assert.equal(rowsShown.length, 2);
  assert.equal(rowsShown[0].querySelector(".host-link")?.textContent, "<img src=x onerror=alert(1)>evil");
  assert.equal(rowsShown[0].querySelector(".badge")?.className, "badge red");
  assert.equal(root.querySelector('[data-k="hot"]')?.textContent, "1");
  assert.equal(root.querySelector('[data-k="silent"]')?.textContent, "1");
  const href = rowsShown[0].querySelector(".host-link")?.getAttribute("href") ?? "";
  assert.equal(parseHash(href).params.host, EVIL);
});

test("a host alert names its host in the alert tables; call alerts keep agent / model / operation", async () => {
  const { seriesOf } = await import("../src/views/alerts");
  assert.equal(seriesOf({ grp: "host", host: EVIL }), `host ${EVIL}`);
  assert.equal(seriesOf({ grp: "agent", agent: "a1", model: "*", operation: "*" }), "a1 / * / *");
});
