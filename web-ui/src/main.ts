// Boots the page: who is signed in (`GET /api/v1/auth/me`)? Nobody: the login form. Then the
// dashboard starts. When a later call answers 401 (session expired or revoked) or the user signs
// out, the streams stop and the login form returns; signing in again reloads the page, which keeps
// the URL hash (the view and its filters) and starts clean for whoever signed in.

import "./styles.css";
import "./security.css";
import { onSessionLost } from "./http";
import { askLogin, setupLogin, showUser, whoAmI } from "./login";
import { startLive, stopLive } from "./live";
import { startAlerts, stopAlerts } from "./views/alerts";
import { type Session } from "./session";

let started = false;

async function signedOut(message: string): Promise<void> {
  stopLive();
  stopAlerts();
  await askLogin(message);
  location.reload();
}

function start(s: Session): void {
  showUser(s, () => void signedOut("You are signed out."), () => { stopLive(); stopAlerts(); });
  document.getElementById("login")!.hidden = true;
  document.getElementById("app")!.hidden = false;
  if (started) return;
  started = true;
  startAlerts();
  startLive();
}

async function boot(): Promise<void> {
  setupLogin();
  onSessionLost(() => void signedOut("Your session has ended. Sign in again."));
  let s: Session | null = null;
  try {
    s = await whoAmI();
  } catch (e) {
    s = await askLogin(`The server cannot be reached: ${e instanceof Error ? e.message : String(e)}`);
  }
  start(s ?? await askLogin());
}

void boot();
