import "./dom-env";
import { activeContent } from "./dom-env";
import { test } from "node:test";
import assert from "node:assert/strict";
import { renderAlerts } from "../src/views/overview";
import { alertRow, loadRules, section } from "../src/views/alerts";
import { parseHash } from "../src/router";
import { setSession, type Role } from "../src/session";
import { getJson } from "../src/http";
import type { ViewContext } from "../src/views/context";
import { fakeFetch } from "./fake-fetch";

const EVIL = "<img src=x onerror=alert(1)>";
const firing = { fingerprint: "fp1", rule_id: "r1", rule_name: EVIL, severity: "critical", state: "firing",
  summary: `${EVIL} p95 too high`, labels: { agent: EVIL }, starts_at: 1 };
const ctx = { state: parseHash("#/overview"), from: 0, to: 1, charts: [], url: (p: string) => p,
  get: <T>(u: string) => getJson<T>(u), nav: () => {} } as unknown as ViewContext;
const as = (role: Role) => setSession({ username: `${role}-user`, role, csrf: "c" });
const buttons = (root: ParentNode) => [...root.querySelectorAll("button")].map((b) => b.textContent);

test("the check finds markup when there is some (it can fail)", () => {
  const div = document.createElement("div");
  div.innerHTML = EVIL;
  assert.equal(activeContent(div).length, 1);
});

for (const [role, offered] of [["viewer", false], ["operator", true], ["admin", true]] as const) {
  test(`overview alerts panel: ${role} ${offered ? "sees" : "does not see"} Acknowledge; names are text`, async () => {
    as(role);
    fakeFetch({ "GET /api/v1/alerts": [200, { firing: [firing], pending: [] }] });
    await renderAlerts(ctx);
    const box = document.getElementById("alerts-panel") as HTMLElement;
    assert.equal(box.querySelectorAll("button.ack").length, offered ? 1 : 0);
    assert.equal(box.querySelector("strong")?.textContent, EVIL);
    assert.equal(box.querySelector("li .sub")?.textContent, firing.summary);
    assert.deepEqual(activeContent(box), []);
  });

  test(`alerts view: ${role} ${offered ? "gets" : "gets no"} acknowledge, silence and rule controls`, async () => {
    as(role);
    const row = document.createElement("tr");
    for (const cell of alertRow(firing, false)) row.append(cell);
    assert.deepEqual(buttons(row), offered ? ["Acknowledge", "Silence 1 h"] : []);
    assert.ok((row.textContent ?? "").includes(firing.summary));
    assert.deepEqual(activeContent(row), []);
    fakeFetch({ "GET /api/v1/alert-rules": [200, { rules: [{ id: "r1", body: { metric: "latency_p95", summary: EVIL } }] }] });
    await loadRules();
    assert.deepEqual(buttons(section), offered ? ["New rule", "Edit", "Delete"] : []);
  });
}
