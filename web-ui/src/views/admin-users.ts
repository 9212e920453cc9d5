// Admin view, Users tab: list, create (username, role, password), change role, disable/enable,
// reset password, delete. The server refuses to demote, disable or delete the last admin (409);
// its message is shown as it comes.

import { el, replace } from "../dom";
import { getJson, json } from "../http";
import { ROLES } from "../session";
import { act, confirmButton, listOf, panelTable, when, type AdminPane } from "./admin-kit";

/** The server's minimum (docs/SECURITY.md); checked here only to say it before a round trip. */
export const MIN_PASSWORD = 12;
const USERS = "/api/v1/admin/users";
const userUrl = (name: string) => `${USERS}/${encodeURIComponent(name)}`;

export async function renderUsers(root: HTMLElement, pane: AdminPane): Promise<void> {
  const users = listOf(await getJson(USERS), "users");
  replace(root,
    panelTable("users-table", "Users", ["User", "Role", "Status", "Created", "Last sign-in", "Actions"],
      users.map((u) => userRow(u, pane)), "No users."),
    createForm(pane));
}

function userRow(u: Record<string, unknown>, pane: AdminPane): HTMLElement {
  const name = String(u.username ?? "");
  const disabled = u.disabled === true;
  const role = el("select", { "aria-label": `Role of ${name}`, "data-role-of": name, onchange: () => {
    void act(pane, () => json("PATCH", userUrl(name), { body: { role: role.value } }), `${name} is now ${role.value}.`);
  } }, ...ROLES.map((r) => el("option", { value: r, selected: r === u.role }, r)));
  const reset = el("span", { class: "reset" });
  const resetButton = el("button", { type: "button", onclick: () => replace(reset, passwordForm(name, pane, () => replace(reset, resetButton))) },
    "Reset password");
  reset.append(resetButton);
  return el("tr", { "data-user": name },
    el("td", { class: "username" }, name),
    el("td", {}, role),
    el("td", {}, disabled ? el("span", { class: "badge silent" }, "disabled") : el("span", { class: "badge green" }, "active")),
    el("td", {}, when(u.createdAt)),
    el("td", {}, when(u.lastLoginAt)),
    el("td", { class: "actions" },
      el("button", { type: "button", onclick: () => void act(pane,
        () => json("PATCH", userUrl(name), { body: { disabled: !disabled } }), `${name} is ${disabled ? "enabled" : "disabled"}.`) },
      disabled ? "Enable" : "Disable"), " ",
      reset, " ",
      confirmButton("Delete", `Delete ${name}?`, "Yes, delete", () => void act(pane, () => json("DELETE", userUrl(name)), `${name} deleted.`))));
}

/** Inline "new password" form of one user's row. */
function passwordForm(name: string, pane: AdminPane, close: () => void): HTMLElement {
  const input = el("input", { type: "password", autocomplete: "new-password", minlength: MIN_PASSWORD, required: true,
    "aria-label": `New password for ${name}` });
  const form = el("form", { class: "inline-form", onsubmit: (e: Event) => {
    e.preventDefault();
    void act(pane, () => json("PATCH", userUrl(name), { body: { password: input.value } }), `The password of ${name} was reset.`);
  } }, input, " ", el("button", { type: "submit" }, "Set"), " ", el("button", { type: "button", onclick: close }, "Cancel"));
  queueMicrotask(() => input.focus());
  return form;
}

function createForm(pane: AdminPane): HTMLElement {
  const username = el("input", { id: "new-user-name", required: true, autocomplete: "off", maxlength: 64 });
  const role = el("select", { id: "new-user-role" }, ...ROLES.map((r) => el("option", { value: r, selected: r === "viewer" }, r)));
  const password = el("input", { id: "new-user-password", type: "password", required: true, minlength: MIN_PASSWORD, autocomplete: "new-password" });
  const form = el("form", { class: "panel admin-form", id: "user-create", "aria-label": "Create a user", onsubmit: (e: Event) => {
    e.preventDefault();
    const body = { username: username.value.trim(), role: role.value, password: password.value };
    void act(pane, () => json("POST", "/api/v1/admin/users", { body }), `User ${body.username} created (${body.role}).`);
  } },
  el("h2", {}, "Create a user"),
  el("label", { for: "new-user-name" }, "Username"), username,
  el("label", { for: "new-user-role" }, "Role"), role,
  el("label", { for: "new-user-password" }, `Password (at least ${MIN_PASSWORD} characters)`), password,
  el("button", { type: "submit" }, "Create user"));
  return form;
}
