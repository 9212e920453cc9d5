// What the browser tests share: the browser and the stub they run against, and signing in.
import { after, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { startStub } from "../dev/stub-server.mjs";

export const CHROMIUM = process.env.AGENTPULSE_CHROMIUM || "/usr/bin/chromium";
export const ROOT = resolve(process.env.WEBROOT || "dist");
export const skip = existsSync(CHROMIUM) ? false : `no browser at ${CHROMIUM} (apt-get install -y chromium)`;

/** Starts chromium and the stub before the file's tests and stops them after; fields filled in `before`. */
export function harness() {
  const h = { browser: null, stub: null };
  before(async () => {
    if (skip) return;
    assert.ok(existsSync(join(ROOT, "index.html")), `No built page in ${ROOT}: run npm run build first.`);
    const { chromium } = await import("playwright-core");
    h.stub = await startStub({ root: ROOT });
    h.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
  });
  after(async () => {
    await h.browser?.close();
    await h.stub?.close();
  });
  return h;
}

/** Signs in through the login form as one of the dev stub's users (password "<name>-password"). */
export async function signIn(page, user, password = `${user}-password`) {
  await page.locator("#login-form").waitFor({ timeout: 10_000 });
  await page.getByLabel("Username").fill(user);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("#app").waitFor({ timeout: 10_000 });
}

/**
 * Failed loads the security contract makes on purpose: "who am I" answering 401 while signed out,
 * and a refused sign-in (401 wrong credentials, 429 throttled). Chromium logs them as console errors.
 */
export function expected401(m) {
  const url = m.location()?.url ?? "";
  return (m.text().includes("status of 401") && (url.endsWith("/api/v1/auth/me") || url.endsWith("/api/v1/auth/login")))
    || (m.text().includes("status of 429") && url.endsWith("/api/v1/auth/login"));
}
