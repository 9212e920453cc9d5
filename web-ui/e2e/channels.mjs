// The Channels part of the Alerts view in the browser, registered by dashboard.e2e.mjs: the admin
// creates a webhook channel through the form (its name is markup and must show as text), test-sends it
// to an HTTP receiver this file starts, and sees the delivery row; the secret never comes back.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { api, BASE, call, EVIL, newPage } from "./client.mjs";

/** A receiver on loopback: every request's path and signature header. */
async function receiver() {
  const got = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => { got.push({ path: req.url, signature: req.headers["x-agentpulse-signature"] }); res.writeHead(200).end(); });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { got, url: `http://127.0.0.1:${server.address().port}/hook`, close: () => server.close() };
}

/** `admin()` gives the admin's session; `shot(page, name)` saves a screenshot. */
export function channelTests(admin, shot) {
  test("channels: the admin creates a webhook channel, test-sends it and sees the delivery; the name stays text", { timeout: 90_000 }, async () => {
    const hook = await receiver();
    const id = `e2e-hook-${Date.now()}`;
    const secret = "e2e-webhook-signing-secret";
    const page = await newPage(admin());
    try {
      await page.goto(`${BASE}/#/alerts`);
      await page.locator("#channels button.new-channel").click({ timeout: 30_000 });
      const form = page.locator("#channel-form");
      await form.locator("input[name=id]").fill(id);
      await form.locator("input[name=name]").fill(`E2E ${EVIL}`);
      await form.locator("select[name=type]").selectOption("webhook");
      await form.locator("input[name='settings.url']").fill(hook.url);
      await form.locator("input[name='secrets.secret']").fill(secret);
      await form.getByRole("button", { name: "Save" }).click();
      const row = page.locator(`#channels tr[data-channel="${id}"]`);
      await row.waitFor({ timeout: 15_000 });
      assert.equal(await row.locator(".channel-name").textContent(), `E2E ${EVIL}`);
      assert.equal(await page.locator("#channels img").count(), 0, "no element was created from the channel's name");
      assert.match(await row.textContent(), /secret: set/);
      await row.getByRole("button", { name: "Test" }).click();
      await page.locator("#channel-deliveries .outcome.delivered").first().waitFor({ timeout: 20_000 });
      assert.match(await page.locator("#channel-note").textContent(), /: delivered \(HTTP 200\)$/);
      assert.equal(hook.got.length, 1);
      assert.match(hook.got[0].signature ?? "", /^sha256=[0-9a-f]{64}$/);
      const listed = JSON.stringify(await api(admin(), "GET", "/api/v1/channels"));
      assert.ok(!listed.includes(secret), "the API never answers a secret");
      await page.locator("#channel-deliveries").scrollIntoViewIfNeeded();
      await shot(page, "alerts-channels");
    } finally {
      await page.close();
      hook.close();
      await call(admin(), "DELETE", `/api/v1/channels/${id}`);
    }
  });
}
