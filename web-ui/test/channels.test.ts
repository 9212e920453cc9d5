import "./dom-env";
import { activeContent } from "./dom-env";
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { channelsBox, loadChannels, showDeliveries } from "../src/views/alerts-channels";
import { setSession } from "../src/session";
import { fakeFetch, type Call } from "./fake-fetch";

const EVIL = "<img src=x onerror=alert(1)>";
const HOOK = { id: "ops-hook", name: EVIL, type: "webhook", settings: { url: "http://h/1" }, secrets: { secret: { set: true } } };
let calls: Call[];
beforeEach(() => {
  calls = fakeFetch({
    "GET /api/v1/channels": [200, { channels: [HOOK] }],
    "PUT /api/v1/channels/ops-hook": [200, HOOK],
    "GET /api/v1/channels/ops-hook/deliveries": [200, { deliveries: [{ at: 1, rule_name: EVIL, state: "TEST", outcome: "failed",
      status_code: 500, error: EVIL }] }],
  });
});

test("names, settings, deliveries and errors are text; a secret shows only whether it is set", async () => {
  setSession({ username: "admin", role: "admin", csrf: "c1" });
  await loadChannels();
  await showDeliveries(HOOK);
  assert.deepEqual(activeContent(channelsBox), []);
  assert.equal(channelsBox.querySelector(".channel-name")?.textContent, EVIL);
  assert.match(channelsBox.textContent ?? "", /url=http:\/\/h\/1 · secret: set/);
  assert.equal(channelsBox.querySelector("#channel-deliveries td:nth-child(6)")?.textContent, EVIL);
});

test("an edit leaves an empty secret out, so the server keeps it; a viewer gets no buttons but Deliveries", async () => {
  setSession({ username: "admin", role: "admin", csrf: "c1" });
  await loadChannels();
  [...channelsBox.querySelectorAll("button")].find((b) => b.textContent === "Edit")!.click();
  const secret = channelsBox.querySelector<HTMLInputElement>("input[name='secrets.secret']")!;
  assert.equal(secret.value, "");
  assert.equal(secret.type, "password");
  [...channelsBox.querySelectorAll("button")].find((b) => b.textContent === "Save")!.click();
  await new Promise((r) => setTimeout(r, 20));
  const put = calls.find((c) => c.method === "PUT")!;
  assert.deepEqual(put.body, { id: "ops-hook", name: EVIL, type: "webhook", settings: { url: "http://h/1" }, secrets: {} });
  setSession({ username: "v", role: "viewer", csrf: "c2" });
  await loadChannels();
  assert.deepEqual([...channelsBox.querySelectorAll("button")].map((b) => b.textContent), ["Deliveries"]);
});
