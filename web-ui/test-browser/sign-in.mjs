// Signs in through the login form as one of the dev stub's users (password "<name>-password").
export async function signIn(page, user, password = `${user}-password`) {
  await page.locator("#login-form").waitFor({ timeout: 10_000 });
  await page.getByLabel("Username").fill(user);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("#app").waitFor({ timeout: 10_000 });
}

/** The console error of `GET /api/v1/auth/me` answering 401 while nobody is signed in: expected by contract. */
export const expected401 = (m) => m.text().includes("status of 401") && (m.location()?.url ?? "").endsWith("/api/v1/auth/me");
