// The Admin view (`#/admin?tab=users|keys|audit`, admins only): users, API keys and the audit log.
// Everything from the server (usernames, key names, audit details) reaches the DOM as text
// (dom.ts); writes go through http.ts (CSRF token). No prompt()/confirm(): confirmations are
// inline buttons, so the view is keyboard-friendly and works under the strict CSP.

import { el, replace } from "../dom";
import { heading, type ViewContext } from "./context";
import { errorText, type AdminPane } from "./admin-kit";
import { renderUsers } from "./admin-users";
import { renderKeys } from "./admin-keys";
import { renderAudit } from "./admin-audit";

export const ADMIN_TABS = { users: "Users", keys: "API keys", audit: "Audit log" } as const;
export type AdminTab = keyof typeof ADMIN_TABS;

export function adminTab(ctx: ViewContext): AdminTab {
  const t = ctx.state.params.tab;
  return t === "keys" || t === "audit" ? t : "users";
}

export async function renderAdmin(root: HTMLElement, ctx: ViewContext): Promise<void> {
  const tab = adminTab(ctx);
  const tabs = el("nav", { class: "admin-tabs", "aria-label": "Administration" }, ...Object.entries(ADMIN_TABS).map(([id, label]) =>
    el("a", { href: `#/admin?tab=${id}&range=${encodeURIComponent(ctx.state.range)}`, "data-tab": id,
      "aria-current": id === tab ? "page" : undefined }, label)));
  const status = el("p", { class: "sub admin-status", role: "status", id: "admin-status" });
  const body = el("div", { class: "admin-body", id: `admin-${tab}` });
  const pane: AdminPane = {
    ctx,
    say(message, failed = false) {
      status.textContent = message;
      status.className = failed ? "problem admin-status" : "sub admin-status";
      status.setAttribute("role", failed ? "alert" : "status");
    },
    async reload() {
      try { await draw(); } catch (e) { pane.say(errorText(e), true); }
    },
  };
  const draw = () => ({ users: renderUsers, keys: renderKeys, audit: renderAudit })[tab](body, pane);
  await draw();
  replace(root, heading("Administration"), tabs, status, body);
}

