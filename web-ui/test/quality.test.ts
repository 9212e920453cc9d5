import "./dom-env";
import { test } from "node:test";
import assert from "node:assert/strict";
import { activeContent } from "./dom-env";
import { bucketLabel, distributionChart, RATED_CALL_LOOKBACK_MS, ratedCallHash, renderQuality } from "../src/views/quality";
import { parseHash } from "../src/router";
import type { ViewContext } from "../src/views/context";

const T = Date.UTC(2026, 0, 1, 12);
const DIST = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, count: i === 9 ? 30 : i, share: null }));

test("a score links to the Events view filtered to its rated call: agent, trace and span, a day before to a minute after", () => {
  const hash = ratedCallHash({ event_time: T, agent_id: "bot <1>", trace_id: "t&7", span_id: "s 30" });
  assert.ok(hash !== null);
  const st = parseHash(hash);
  assert.equal(st.view, "events");
  assert.equal(st.range, "custom");
  assert.equal(st.from, T - RATED_CALL_LOOKBACK_MS);
  assert.equal(st.to, T + 60_000);
  assert.deepEqual(st.params, { agent: "bot <1>", trace_id: "t&7", span_id: "s 30" });
  assert.equal(parseHash(ratedCallHash({ event_time: T, trace_id: "t" }) as string).params.span_id, undefined);
  assert.equal(ratedCallHash({ event_time: T, trace_id: null }), null, "a score naming no trace links nowhere");
});

test("the distribution draws ten bars scaled to the largest, titled with bucket and count", () => {
  const chart = distributionChart(DIST);
  const bars = [...chart.querySelectorAll("g[data-bucket]")];
  assert.equal(bars.length, 10);
  assert.equal(bars[9].getAttribute("data-count"), "30");
  const h = (i: number) => Number(bars[i].querySelector("rect")?.getAttribute("height"));
  assert.equal(h(0), 0);
  assert.ok(h(9) > h(8) && h(8) > h(1));
  assert.equal(bars[9].querySelector("title")?.textContent, "0.9\u20131.0: 30");
  assert.equal(bucketLabel(0.2, { to: 0.3 }), "0.2\u20130.3");
});

test("the view shows mean, rated share, distribution and the recent scores with links, agent names as text", async () => {
  const bodies: Record<string, Record<string, unknown>> = {
    "/api/v1/quality": { objective: 0.995, availability: 0.999, error_budget_remaining: 0.8, burn_rate: 0.2,
      feedback_count: 45, feedback_mean: 0.7123, rated_share: 0.05, availability_series: [],
      feedback: [{ t: T, count: 45, mean_score: 0.7123, calls: 900, rated_share: 0.05 }], feedback_distribution: DIST },
    "/api/v1/events": { events: [{ event_id: "f1", event_time: T, agent_id: "<img src=x onerror=alert(1)>", kind: "FEEDBACK",
      feedback_score: 0.25, trace_id: "t1", span_id: "s1" }, { event_id: "f2", event_time: T, agent_id: "a2", feedback_score: 1 }] },
  };
  const asked: string[] = [];
  const ctx: ViewContext = { state: parseHash("#/quality?range=1h"), from: T - 3_600_000, to: T, charts: [],
    url: (path, params = {}) => `${path}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()}`,
    get: async <R>(url: string) => { asked.push(url); return bodies[url.split("?")[0]] as R; },
    nav: () => {} };
  const root = document.createElement("div");
  // The charts are uPlot on a canvas, which happy-dom lacks: drawing is skipped here (browser test: e2e/quality.mjs).
  const g = globalThis as { requestAnimationFrame: (cb: FrameRequestCallback) => number };
  const raf = g.requestAnimationFrame;
  g.requestAnimationFrame = () => 0;
  try {
    await renderQuality(root, ctx);
  } finally {
    g.requestAnimationFrame = raf;
  }
  assert.ok(asked.some((u) => u.startsWith("/api/v1/events?") && u.includes("kind=feedback")));
  assert.equal(root.querySelector("[data-k=feedback-mean]")?.textContent, "0.71");
  assert.equal(root.querySelector("[data-k=rated-share]")?.textContent, "5.00%");
  assert.equal(root.querySelectorAll("#feedback-distribution g[data-bucket]").length, 10);
  const links = [...root.querySelectorAll("#quality-scores a.rated-call")];
  assert.equal(links.length, 1, "only the score naming a trace gets a link");
  assert.match(links[0].getAttribute("href") ?? "", /^#\/events\?range=custom&.*trace_id=t1&span_id=s1$/);
  assert.equal(root.querySelector("#quality-scores a.agent-link")?.getAttribute("title"), "<img src=x onerror=alert(1)>");
  assert.deepEqual(activeContent(root), []);
  assert.ok(root.querySelector('a[data-export="quality-distribution"]')?.getAttribute("href")?.includes("table=feedback_distribution"));
});
