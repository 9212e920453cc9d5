import "./dom-env";
import { activeContent } from "./dom-env";
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { renderAdmin } from "../src/views/admin";
import { tokenPanel } from "../src/views/admin-keys";
import { parseHash } from "../src/router";
import { setSession } from "../src/session";
import type { ViewContext } from "../src/views/context";
import { fakeFetch, type Call } from "./fake-fetch";

const EVIL = "<img src=x onerror=alert(1)>";
const ctxOf = (hash: string): ViewContext => ({
  state: parseHash(hash), from: 1000, to: 2000, charts: [],
  url: (path, params = {}) => `${path}?${new URLSearchParams({ from: "1000", to: "2000",
    ...Object.fromEntries(Object.entries(params).filter(([, v]) => v !== "" && v !== null && v !== undefined).map(([k, v]) => [k, String(v)])) })}`,
  get: async () => { throw new Error("unused"); }, nav: () => {},
});
let calls: Call[];
beforeEach(() => {
  setSession({ username: "admin", role: "admin", csrf: "c1" });
  calls = fakeFetch({
    "GET /api/v1/admin/users": [200, [{ username: EVIL, role: "viewer", disabled: false, createdAt: "2026-01-01T00:00:00Z", lastLoginAt: null }]],
    "GET /api/v1/admin/keys": [200, [{ id: "ABCDEFGHJKMN", name: EVIL, scopes: ["read"], createdBy: EVIL, createdAt: 1, expiresAt: null, revokedAt: null, lastUsedAt: null }]],
    "GET /api/v1/admin/audit": [200, { rows: [{ id: 1, at: 5, actor: EVIL, actorKind: "user", action: "user.create", target: EVIL, outcome: "ok", ip: "::1", detail: EVIL },
      { id: 2, at: 6, actor: "admin", action: "key.create", target: "k", outcome: "ok", detail: { name: EVIL } }] }],
    "POST /api/v1/admin/keys": [201, { id: "ZZZZZZZZZZZZ", token: "apk_zzzzzzzzzzzz_secret" }],
    "DELETE /api/v1/admin/keys/ABCDEFGHJKMN": [204, undefined],
  });
});

async function render(hash: string): Promise<HTMLElement> {
  const root = document.createElement("div");
  document.body.append(root);
  await renderAdmin(root, ctxOf(hash));
  return root;
}

test("users: hostile usernames are text, and no element comes from them", async () => {
  const root = await render("#/admin?tab=users");
  assert.equal(root.querySelector("#users-table td.username")?.textContent, EVIL);
  assert.equal(root.querySelector('[data-role-of] option[selected]')?.textContent, "viewer");
  assert.deepEqual(activeContent(root), []);
  assert.ok(root.querySelector("#user-create input[type=password][minlength='12']"));
});

test("keys: hostile names are text; the token is shown once, with the warning", async () => {
  const root = await render("#/admin?tab=keys");
  assert.equal(root.querySelector("#keys-table td.key-name")?.textContent, EVIL);
  assert.deepEqual(activeContent(root), []);
  const panel = tokenPanel(EVIL, "apk_x_y");
  assert.equal(panel.querySelector("#new-key-token")?.textContent, "apk_x_y");
  assert.match(panel.textContent ?? "", /you will not see it again/);
  assert.equal(panel.querySelector("h2")?.textContent, `New key: ${EVIL}`);
  assert.deepEqual(activeContent(panel), []);
});

test("keys: create sends name, scope and expiry with the CSRF token, then shows the token", async () => {
  const root = await render("#/admin?tab=keys");
  (root.querySelector("#new-key-name") as HTMLInputElement).value = "reader";
  (root.querySelector("#new-key-scope") as HTMLSelectElement).value = "read";
  (root.querySelector("#new-key-expires") as HTMLInputElement).value = "2030-01-31";
  (root.querySelector("#key-create") as HTMLFormElement).dispatchEvent(new Event("submit", { cancelable: true }));
  await waitFor(() => root.querySelector("#new-key-token"));
  const post = calls.find((c) => c.method === "POST") as Call;
  assert.equal(post.headers["x-csrf-token"], "c1");
  assert.deepEqual({ ...(post.body as object), expiresAt: undefined }, { name: "reader", scopes: ["read"], expiresAt: undefined });
  assert.match(String((post.body as Record<string, unknown>).expiresAt), /^2030-0[12]-\d\dT/);
  assert.equal(root.querySelector("#new-key-token")?.textContent, "apk_zzzzzzzzzzzz_secret");
});

test("keys: revoke asks inline first, then deletes", async () => {
  const root = await render("#/admin?tab=keys");
  (root.querySelector("button.revoke") as HTMLButtonElement).click();
  assert.match(root.querySelector(".confirm-text")?.textContent ?? "", /^Revoke <img src=x onerror=alert\(1\)>\?/);
  assert.equal(calls.filter((c) => c.method === "DELETE").length, 0, "nothing is revoked before the confirmation");
  (root.querySelector("button.revoke-yes") as HTMLButtonElement).click();
  await waitFor(() => calls.some((c) => c.method === "DELETE"));
  assert.equal(calls.find((c) => c.method === "DELETE")?.headers["x-csrf-token"], "c1");
});

test("audit: filters go to the API, details are text, the CSV link is the same query", async () => {
  const root = await render("#/admin?tab=audit&actor=bob&action=key.create");
  const get = calls.find((c) => c.url.startsWith("/api/v1/admin/audit")) as Call;
  const q = new URL(get.url, "http://x").searchParams;
  assert.deepEqual([q.get("actor"), q.get("action"), q.get("from"), q.get("to")], ["bob", "key.create", "1000", "2000"]);
  const details = [...root.querySelectorAll("#audit-table .detail")].map((e) => e.textContent);
  assert.ok(details.includes(EVIL) && details.includes(JSON.stringify({ name: EVIL })), details.join(" | "));
  assert.deepEqual(activeContent(root), []);
  const csv = root.querySelector('[data-export="audit-table"]') as HTMLAnchorElement;
  assert.equal(csv.getAttribute("href"), `${get.url}&format=csv`);
});

async function waitFor<T>(f: () => T, ms = 2000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}
