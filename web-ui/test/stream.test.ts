import { test, mock } from "node:test";
import assert from "node:assert/strict";
import { backoffMs, LiveStream, resumeUrl, type LinkState, type SourceLike } from "../src/stream";
import type { Rollup } from "../src/api";

class FakeSource implements SourceLike {
  readyState = 0;
  onopen: ((ev: Event) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  closed = false;
  private listeners = new Map<string, (ev: MessageEvent) => void>();
  constructor(readonly url: string) {}
  addEventListener(type: string, fn: (ev: MessageEvent) => void) { this.listeners.set(type, fn); }
  close() { this.closed = true; this.readyState = 2; }
  open() { this.readyState = 1; this.onopen?.(new Event("open")); }
  fail(closed: boolean) { this.readyState = closed ? 2 : 0; this.onerror?.(new Event("error")); }
  emit(type: string, data: string, lastEventId = "") {
    const ev = { data, lastEventId } as MessageEvent;
    this.listeners.get(type)?.(ev);
  }
}

function harness() {
  const sources: FakeSource[] = [];
  const states: string[] = [];
  const rollups: Rollup[] = [];
  let resyncs = 0;
  const s = new LiveStream("/api/v1/stream?grp=all", {
    onRollup: (r) => rollups.push(r),
    onState: (st: LinkState, attempt: number) => states.push(attempt ? `${st}#${attempt}` : st),
    onResync: () => resyncs++,
  }, (u) => { const f = new FakeSource(u); sources.push(f); return f; });
  return { s, sources, states, rollups, resyncs: () => resyncs };
}

test("backoff doubles from 1 s and caps at 30 s", () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(backoffMs), [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
});

test("frames are parsed, bad ones counted and dropped", () => {
  const h = harness();
  h.s.start();
  h.sources[0].open();
  h.sources[0].emit("rollup", JSON.stringify({ grp: "all", window_start: 60000, count: 3 }));
  h.sources[0].emit("rollup", "{broken");
  assert.equal(h.rollups.length, 1);
  assert.equal(h.rollups[0].count, 3);
  assert.equal(h.s.rejected, 1);
  assert.deepEqual(h.states, ["connecting", "live"]);
  assert.equal(h.resyncs(), 0, "the first open needs no backfill");
});

test("browser-side retry shows reconnecting and resyncs once open again", () => {
  const h = harness();
  h.s.start();
  h.sources[0].open();
  h.sources[0].fail(false);
  h.sources[0].open();
  assert.deepEqual(h.states, ["connecting", "live", "reconnecting#1", "live"]);
  assert.equal(h.resyncs(), 1);
  assert.equal(h.sources.length, 1, "EventSource retried by itself");
});

test("a closed stream is reopened with backoff", () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  try {
    const h = harness();
    h.s.start();
    h.sources[0].fail(true);
    assert.equal(h.sources[0].closed, true);
    assert.equal(h.sources.length, 1);
    mock.timers.tick(999);
    assert.equal(h.sources.length, 1);
    mock.timers.tick(1);
    assert.equal(h.sources.length, 2);
    h.sources[1].fail(true);
    mock.timers.tick(1999);
    assert.equal(h.sources.length, 2);
    mock.timers.tick(1);
    h.sources[2].open();
    assert.equal(h.s.current, "live");
    assert.equal(h.resyncs(), 1);
    assert.deepEqual(h.states, ["connecting", "reconnecting#1", "reconnecting#1", "reconnecting#2", "reconnecting#2", "live"]);
  } finally {
    mock.timers.reset();
  }
});

test("pause closes the connection and cancels a pending reopen; resume resyncs", () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  try {
    const h = harness();
    h.s.start();
    h.sources[0].open();
    h.sources[0].fail(true);
    h.s.pause();
    mock.timers.tick(60_000);
    assert.equal(h.sources.length, 1, "no reopen while paused");
    assert.equal(h.s.current, "paused");
    h.s.start();
    h.sources[1].open();
    assert.equal(h.s.current, "live");
    assert.equal(h.resyncs(), 1);
  } finally {
    mock.timers.reset();
  }
});

test("a reopened stream resumes after the last id; reset and other events reach the page", () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  try {
    const h = harness();
    const alerts: string[] = [];
    h.s.on("alert", (ev) => alerts.push(String(ev.data)));
    h.s.start();
    h.sources[0].open();
    h.sources[0].emit("alert", "{\"fingerprint\":\"f1\"}", "17/0:4,1:2");
    h.sources[0].emit("rollup", JSON.stringify({ grp: "all", window_start: 60000, count: 3 }), "18/0:4,1:2");
    h.sources[0].fail(true);
    mock.timers.tick(1000);
    assert.equal(h.sources[1].url, "/api/v1/stream?grp=all&last_event_id=18%2F0%3A4%2C1%3A2");
    h.sources[1].open();
    assert.equal(h.resyncs(), 1);
    h.sources[1].emit("reset", "{\"reason\":\"expired\"}");
    assert.equal(h.resyncs(), 2, "a reset reloads");
    h.sources[1].emit("alert", "{\"fingerprint\":\"f2\"}", "19/0:5,1:2");
    assert.deepEqual(alerts, ["{\"fingerprint\":\"f1\"}", "{\"fingerprint\":\"f2\"}"]);
  } finally {
    mock.timers.reset();
  }
});

test("resumeUrl adds last_event_id only when there is one", () => {
  assert.equal(resumeUrl("/s?grp=none", ""), "/s?grp=none");
  assert.equal(resumeUrl("/s", "5/0:1"), "/s?last_event_id=5%2F0%3A1");
});

test("a new subscription (the filter changed) reconnects at once without the old resume id; paused, it waits", () => {
  const h = harness();
  h.s.start();
  h.sources[0].open();
  h.sources[0].emit("rollup", JSON.stringify({ grp: "all", window_start: 60000, count: 1 }), "7");
  h.s.setUrl("/api/v1/stream?grp=all%40team%3Dsearch");
  assert.ok(h.sources[0].closed);
  assert.equal(h.sources[1].url, "/api/v1/stream?grp=all%40team%3Dsearch", "no last_event_id of the old groups");
  h.sources[1].open();
  assert.equal(h.resyncs(), 0, "the page reloads its history itself");
  h.s.setUrl("/api/v1/stream?grp=all%40team%3Dsearch");
  assert.equal(h.sources.length, 2, "the same URL changes nothing");
  h.s.pause();
  h.s.setUrl("/api/v1/stream?grp=all");
  assert.equal(h.sources.length, 2, "paused: no connection");
  h.s.start();
  assert.equal(h.sources[2].url, "/api/v1/stream?grp=all");
});
