// The security checks of the browser test (docs/SECURITY.md), registered by dashboard.e2e.mjs:
// the CSP header, the login form and its failures (401, 429), a deep link surviving the sign-in, sign-out,
// and the Admin view: users, a read key whose token is shown once and works until revoked, and
// the audit log, with hostile names and details shown as text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN_PASSWORD, api, BASE, call, EVIL, login, newPage, signInForm } from "./client.mjs";

/** `admin()` gives the admin's session (made in the file's before hook); `shot(page, name)` saves a screenshot. */
export function securityTests(admin, shot) {
  test("signed out: CSP header, login form, wrong password, throttled, the deep link survives, sign out", { timeout: 60_000 }, async () => {
    const page = await newPage(null);
    const res = await page.goto(`${BASE}/#/agents?range=6h`);
    const csp = res.headers()["content-security-policy"] ?? "";
    assert.match(csp, /script-src 'self'/, `the page's CSP: ${csp}`);
    assert.match(csp, /style-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    await signInForm(page, "admin", "not-the-admin-password");
    await page.getByRole("alert").getByText("Wrong username or password.").waitFor({ timeout: 10_000 });
    assert.equal(await page.locator("#app").isVisible(), false);
    await shot(page, "login-failed");
    // Five failures lock a username for five minutes (a throwaway one: the admin must stay usable).
    const locked = `e2e-locked-${Date.now()}`;
    for (let i = 0; i < 5; i++) {
      await fetch(`${BASE}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: locked, password: "wrong-password-again" }) });
    }
    await signInForm(page, locked, "wrong-password-again");
    await page.getByRole("alert").getByText(/^Too many failed sign-ins for this username\. Try again in [45] min/).waitFor({ timeout: 10_000 });
    await signInForm(page, "admin", ADMIN_PASSWORD);
    await page.locator('#nav a[data-view="agents"][aria-current=page]').waitFor({ timeout: 30_000 });
    assert.match(page.url(), /#\/agents\?range=6h/);
    assert.equal(await page.locator("#user-name").textContent(), "admin");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.locator("#login-form").waitFor({ timeout: 10_000 });
    assert.equal(await page.locator("#app").isVisible(), false);
    await page.close();
  });

  test("admin view: users, a read key shown once that works until revoked, the audit log as text", { timeout: 90_000 }, async () => {
    const a = admin();
    await api(a, "POST", "/api/v1/admin/keys", { name: EVIL, scopes: ["read"] }); // a hostile key name
    const page = await newPage(a);
    await page.goto(`${BASE}/#/overview`);
    await page.locator('#nav a[data-view="admin"]').click();
    await page.locator("#users-table td.username").first().waitFor({ timeout: 15_000 });
    assert.ok((await page.locator("#users-table td.username").allTextContents()).includes("admin"));
    await page.locator('.admin-tabs a[data-tab="keys"]').click();
    await page.locator("#keys-table td.key-name").first().waitFor({ timeout: 15_000 });
    assert.ok((await page.locator("#keys-table td.key-name").allTextContents()).includes(EVIL), "the hostile key name is text");
    const name = `e2e reader ${Date.now()}`;
    await page.locator("#new-key-name").fill(name);
    await page.locator("#new-key-scope").selectOption("read");
    await page.getByRole("button", { name: "Create key" }).click();
    const token = await page.locator("#new-key-token").textContent({ timeout: 15_000 });
    assert.match(token, /^apk_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
    await page.getByText("you will not see it again").waitFor();
    await shot(page, "admin-key-created");
    const bearer = (t) => fetch(`${BASE}/api/v1/summary?from=${Date.now() - 60_000}&to=${Date.now()}`, { headers: { authorization: `Bearer ${t}` } });
    assert.equal((await bearer(token)).status, 200, "the new read key reads");
    await page.locator("#new-key-done").click();
    await page.reload();
    await page.locator("#keys-table td.key-name").first().waitFor({ timeout: 15_000 });
    assert.ok(!(await page.content()).includes(token), "the token is never shown again");
    const row = page.locator("#keys-table tr", { hasText: name });
    await row.getByRole("button", { name: "Revoke" }).click();
    await row.getByRole("button", { name: "Yes, revoke" }).click();
    await page.locator("#keys-table tr", { hasText: name }).locator('[data-state="revoked"]').waitFor({ timeout: 15_000 });
    // Revoked keys stop within AGENTPULSE_KEY_CACHE_SECONDS (2 s by default).
    const until = Date.now() + 10_000;
    let status = 200;
    while (status !== 401 && Date.now() < until) { status = (await bearer(token)).status; if (status !== 401) await new Promise((r) => setTimeout(r, 250)); }
    assert.equal(status, 401, "the revoked key is refused");
    await page.locator('.admin-tabs a[data-tab="audit"]').click();
    await page.locator("#audit-table tbody tr").first().waitFor({ timeout: 15_000 });
    const details = await page.locator("#audit-table .detail").allTextContents();
    assert.ok(details.some((d) => d.includes(EVIL)), `a hostile key name in an audit detail, as text: ${details.slice(0, 5).join(" | ")}`);
    assert.ok((await page.locator("#audit-table td").allTextContents()).includes("key.revoke"));
    const csv = await page.locator('[data-export="audit-table"]').getAttribute("href");
    assert.match(csv, /^\/api\/v1\/admin\/audit\?.*format=csv$/);
    const exported = await call(a, "GET", csv);
    assert.equal(exported.status, 200);
    assert.match(exported.headers.get("content-type") ?? "", /text\/csv/);
    assert.equal(await page.locator("#view-page img, #view-page script").count(), 0);
    await shot(page, "admin-audit");
    await page.close();
  });

  test("admin view: a user is created, promoted, disabled, given a new password (and changes it) and deleted", { timeout: 60_000 }, async () => {
    const a = admin();
    const page = await newPage(a);
    await page.goto(`${BASE}/#/admin?tab=users`);
    const name = `e2e-user-${Date.now()}`;
    await page.locator("#new-user-name").fill(name);
    await page.locator("#new-user-role").selectOption("viewer");
    await page.locator("#new-user-password").fill("first-password-e2e");
    await page.getByRole("button", { name: "Create user" }).click();
    const row = page.locator(`#users-table tr[data-user="${name}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.getByLabel(`Role of ${name}`).selectOption("operator");
    await page.locator("#admin-status").getByText(`${name} is now operator.`).waitFor({ timeout: 10_000 });
    assert.equal((await login(name, "first-password-e2e")).role, "operator");
    await row.getByRole("button", { name: "Disable" }).click();
    await page.locator("#admin-status").getByText(`${name} is disabled.`).waitFor({ timeout: 10_000 });
    await row.getByText("disabled").waitFor();
    const refused = await fetch(`${BASE}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: name, password: "first-password-e2e" }) });
    assert.equal(refused.status, 401, "a disabled user cannot sign in");
    await row.getByRole("button", { name: "Enable" }).click();
    await page.locator("#admin-status").getByText(`${name} is enabled.`).waitFor({ timeout: 10_000 }); // the table is redrawn
    await row.getByRole("button", { name: "Reset password" }).click();
    await row.getByLabel(`New password for ${name}`).fill("second-password-e2e");
    await row.getByRole("button", { name: "Set" }).click();
    await page.locator("#admin-status").getByText(`The password of ${name} was reset.`).waitFor({ timeout: 10_000 });
    const own = await newPage(await login(name, "second-password-e2e"));
    await own.goto(`${BASE}/#/overview`);
    await own.getByRole("button", { name: "Password" }).click();
    await own.getByLabel("Current password").fill("second-password-e2e");
    await own.getByLabel(/^New password \(at least/).fill("third-password-e2e");
    await own.getByLabel("New password again").fill("third-password-e2e");
    await own.getByRole("button", { name: "Change password" }).click();
    await own.getByText("Your password was changed.").waitFor({ timeout: 10_000 });
    await own.close();
    assert.equal((await login(name, "third-password-e2e")).username, name, "the user's own change took effect");
    await row.getByRole("button", { name: "Delete" }).click();
    await row.getByRole("button", { name: "Yes, delete" }).click();
    await page.locator("#admin-status").getByText(`${name} deleted.`).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator(`#users-table tr[data-user="${name}"]`).count(), 0);
    await page.close();
  });
}
