// Signing in and out. The login form is static markup in index.html (#login); this module shows
// it, posts the credentials as JSON, and says why a sign-in failed: wrong credentials (401) or a
// locked username (429, with the time from Retry-After). The URL hash is never touched, so a
// deep link survives the sign-in. The top bar shows who is signed in, their role, and Sign out.

import { HttpError, json, request } from "./http";
import { parseSession, setSession, type Session } from "./session";
import { passwordPanel } from "./password";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** "45 s", "5 min", "4 min 10 s". */
export function waitText(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60), rest = s % 60;
  return rest === 0 ? `${m} min` : `${m} min ${rest} s`;
}

/** What the login form says about a failed sign-in. */
export function loginFailure(e: unknown): string {
  if (e instanceof HttpError && e.status === 401) return "Wrong username or password.";
  if (e instanceof HttpError && e.status === 429) {
    return e.retryAfterS === null ? "Too many failed sign-ins for this username. Try again in a few minutes."
      : `Too many failed sign-ins for this username. Try again in ${waitText(e.retryAfterS)}.`;
  }
  return `Signing in failed: ${e instanceof Error ? e.message : String(e)}`;
}

/** The current session from the server, or null when nobody is signed in (401). */
export async function whoAmI(): Promise<Session | null> {
  try {
    const s = parseSession(await json("GET", "/api/v1/auth/me", { anonymous: true }));
    setSession(s);
    return s;
  } catch (e) {
    if (e instanceof HttpError && e.status === 401) return null;
    throw e;
  }
}

let waiting: ((s: Session) => void) | null = null;

/** Shows the login form (hiding the dashboard) until a sign-in succeeds; `message` explains why. */
export function askLogin(message = ""): Promise<Session> {
  $("app").hidden = true;
  $("login").hidden = false;
  const error = $("login-error");
  error.textContent = message;
  error.hidden = message === "";
  ($("login-password") as HTMLInputElement).value = "";
  const user = $("login-username") as HTMLInputElement;
  (user.value === "" ? user : $("login-password")).focus();
  return new Promise((resolve) => { waiting = resolve; });
}

/** Wires the form once. */
export function setupLogin(): void {
  const form = $("login-form") as HTMLFormElement;
  const submit = form.querySelector("button[type=submit]") as HTMLButtonElement;
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const username = ($("login-username") as HTMLInputElement).value.trim();
    const password = ($("login-password") as HTMLInputElement).value;
    const error = $("login-error");
    submit.disabled = true;
    json("POST", "/api/v1/auth/login", { body: { username, password }, anonymous: true }).then((body) => {
      const s = parseSession(body);
      if (!s) throw new Error("the server's answer has no username, role and csrf.");
      setSession(s);
      $("login").hidden = true;
      $("app").hidden = false;
      waiting?.(s);
      waiting = null;
    }).catch((err: unknown) => {
      error.textContent = loginFailure(err);
      error.hidden = false;
      ($("login-password") as HTMLInputElement).value = "";
      $("login-password").focus();
    }).finally(() => { submit.disabled = false; });
  });
}

/**
 * Fills the top bar: username, role, Password (change your own), Sign out, and the Admin link for admins
 * only. Sign out: `quiet` first (background loaders stop, so none of them meets the
 * 401 of a session that no longer exists), then the server's logout, then `onSignOut`.
 */
export function showUser(s: Session, onSignOut: () => void, quiet: () => void = () => {}): void {
  $("user-name").textContent = s.username;
  $("user-role").textContent = s.role;
  document.body.dataset.role = s.role;
  const admin = document.querySelector<HTMLElement>('#nav a[data-view="admin"]');
  if (admin) admin.hidden = s.role !== "admin";
  const pw = $("change-password");
  pw.onclick = () => {
    const open = document.getElementById("password-panel");
    const close = () => { document.getElementById("password-panel")?.remove(); pw.setAttribute("aria-expanded", "false"); pw.focus(); };
    if (open) { close(); return; }
    pw.setAttribute("aria-expanded", "true");
    $("content").prepend(passwordPanel(close));
  };
  const out = $("sign-out");
  out.onclick = () => {
    quiet();
    // Signed out locally even when the server cannot be reached: the cookie is HttpOnly, so the
    // session simply expires there.
    void request("POST", "/api/v1/auth/logout", { anonymous: true }).catch(() => undefined).finally(() => { setSession(null); onSignOut(); });
  };
}
