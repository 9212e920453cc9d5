// Signs in through the login form as one of the dev stub's users (password "<name>-password").
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
