// Admin view, API keys tab: list (scopes, created, expires, revoked, last used), create an ingest
// or read key with an optional expiry, revoke with an inline confirmation. The token of a new key
// is shown once, with a copy button: the server keeps only its hash and cannot show it again.

import { el, replace } from "../dom";
import { instant } from "../api";
import { getJson, json } from "../http";
import { act, confirmButton, errorText, listOf, panelTable, when, type AdminPane } from "./admin-kit";

const KEYS = "/api/v1/admin/keys";
export const SCOPES = ["read", "ingest"] as const;

/** "revoked", "expired" or "active" at `now`. */
export function keyState(k: Record<string, unknown>, now = Date.now()): "revoked" | "expired" | "active" {
  if (instant(k.revokedAt) !== null) return "revoked";
  const exp = instant(k.expiresAt);
  return exp !== null && exp <= now ? "expired" : "active";
}

export async function renderKeys(root: HTMLElement, pane: AdminPane): Promise<void> {
  const keys = listOf(await getJson(KEYS), "keys");
  replace(root,
    panelTable("keys-table", "API keys", ["Name", "Id", "Scopes", "Created by", "Created", "Expires", "Last used", "State", ""],
      keys.map((key) => keyRow(key, pane)), "No API keys."),
    createForm(root, pane));
}

function keyRow(k: Record<string, unknown>, pane: AdminPane): HTMLElement {
  const id = String(k.id ?? "");
  const name = String(k.name ?? "");
  const state = keyState(k);
  const scopes = Array.isArray(k.scopes) ? k.scopes.map(String).join(", ") : String(k.scopes ?? "");
  return el("tr", { "data-key": id },
    el("td", { class: "key-name" }, name), el("td", {}, el("code", {}, id)), el("td", {}, scopes),
    el("td", {}, String(k.createdBy ?? "")), el("td", {}, when(k.createdAt)), el("td", {}, k.expiresAt ? when(k.expiresAt) : "never"),
    el("td", {}, k.lastUsedAt ? when(k.lastUsedAt) : "never"),
    el("td", {}, el("span", { class: `badge ${state === "active" ? "green" : "silent"}`, "data-state": state },
      state === "revoked" ? `revoked ${when(k.revokedAt)}` : state)),
    el("td", {}, state === "revoked" ? "" : confirmButton("Revoke", `Revoke ${name}? Clients using it are refused within seconds.`,
      "Yes, revoke", () => void act(pane, () => json("DELETE", `${KEYS}/${encodeURIComponent(id)}`), `Key ${name} revoked.`), "revoke")));
}

/** The end of the chosen day (local time) as ISO-8601, or undefined for "never". */
export function expiryOf(date: string): string | undefined {
  if (date === "") return undefined;
  const t = new Date(`${date}T23:59:59`).getTime();
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

function createForm(root: HTMLElement, pane: AdminPane): HTMLElement {
  const name = el("input", { id: "new-key-name", required: true, autocomplete: "off", maxlength: 100 });
  const scope = el("select", { id: "new-key-scope" }, ...SCOPES.map((s) => el("option", { value: s }, s === "read" ? "read (query API)" : "ingest (gateway)")));
  const expires = el("input", { id: "new-key-expires", type: "date" });
  return el("form", { class: "panel admin-form", id: "key-create", "aria-label": "Create an API key", onsubmit: async (e: Event) => {
    e.preventDefault();
    const body: Record<string, unknown> = { name: name.value.trim(), scopes: [scope.value] };
    const exp = expiryOf(expires.value);
    if (exp) body.expiresAt = exp;
    let token: string;
    try {
      const created = await json("POST", KEYS, { body });
      token = String(created.token ?? "");
    } catch (err) { pane.say(errorText(err), true); return; }
    await pane.reload();
    root.prepend(tokenPanel(body.name as string, token));
    pane.say(`Key ${body.name} created.`);
    (root.querySelector("#new-key-copy") as HTMLElement | null)?.focus();
  } },
  el("h2", {}, "Create an API key"),
  el("label", { for: "new-key-name" }, "Name"), name,
  el("label", { for: "new-key-scope" }, "Scope"), scope,
  el("label", { for: "new-key-expires" }, "Expires on (optional)"), expires,
  el("button", { type: "submit" }, "Create key"));
}

/** The new token, once: copy button, and the warning that it cannot be shown again. */
export function tokenPanel(name: string, token: string): HTMLElement {
  const code = el("code", { id: "new-key-token", class: "token" }, token);
  const copied = el("span", { class: "sub", role: "status" });
  const panel = el("section", { class: "panel new-key", id: "new-key", "aria-labelledby": "new-key-title" },
    el("h2", { id: "new-key-title" }, `New key: ${name}`),
    el("p", { class: "warn" }, "Copy this token now: you will not see it again. The server keeps only its hash."),
    code, " ",
    el("div", { class: "new-key-tools" },
      el("button", { type: "button", id: "new-key-copy", onclick: () => void copy(token, code).then((m) => { copied.textContent = m; }) }, "Copy"),
      " ", copied, " ",
      el("button", { type: "button", id: "new-key-done", onclick: () => panel.remove() }, "Done")));
  return panel;
}

/** Copies to the clipboard; where the browser refuses, selects the token for Ctrl+C. */
async function copy(token: string, code: HTMLElement): Promise<string> {
  try {
    await navigator.clipboard.writeText(token);
    return "Copied.";
  } catch {
    const range = document.createRange();
    range.selectNodeContents(code);
    const sel = getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
    return "Selected: press Ctrl+C to copy.";
  }
}
