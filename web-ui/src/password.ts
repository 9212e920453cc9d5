// "Change my password" for the signed-in user: a small panel opened from the top bar, posting
// `{"current","next"}` to `POST /api/v1/auth/password` (204). The server checks the current password
// (403) and the new one's strength (400, at least 12 characters); its words are shown as they come.

import { el } from "./dom";
import { HttpError, json } from "./http";

const MIN = 12;

/** What the panel says about a failed change. */
export function passwordFailure(e: unknown): string {
  if (e instanceof HttpError && e.reason === "bad-credentials") return "The current password is wrong.";
  return e instanceof Error ? e.message : String(e);
}

/** The panel; `close` removes it (Cancel, Escape, or Close after a change). */
export function passwordPanel(close: () => void): HTMLElement {
  const field = (id: string, label: string, autocomplete: string) => {
    const input = el("input", { id, type: "password", autocomplete, required: true, ...(id === "pw-current" ? {} : { minlength: MIN }) });
    return [el("label", { for: id }, label), input] as const;
  };
  const [lc, current] = field("pw-current", "Current password", "current-password");
  const [ln, next] = field("pw-next", `New password (at least ${MIN} characters)`, "new-password");
  const [lr, repeat] = field("pw-repeat", "New password again", "new-password");
  const status = el("p", { class: "sub", role: "status", id: "pw-status" });
  const submit = el("button", { type: "submit" }, "Change password");
  const closeButton = el("button", { type: "button", class: "pw-close", onclick: close }, "Close");
  const say = (text: string, failed: boolean) => {
    status.textContent = text;
    status.className = failed ? "problem" : "sub";
    status.setAttribute("role", failed ? "alert" : "status");
  };
  const form = el("form", { class: "panel admin-form password-panel", id: "password-panel", "aria-label": "Change your password",
    onkeydown: (e: Event) => { if ((e as KeyboardEvent).key === "Escape") close(); },
    onsubmit: (e: Event) => {
      e.preventDefault();
      if (next.value !== repeat.value) { say("The two new passwords differ.", true); repeat.focus(); return; }
      submit.disabled = true;
      json("POST", "/api/v1/auth/password", { body: { current: current.value, next: next.value } }).then(() => {
        form.reset();
        say("Your password was changed.", false);
        closeButton.focus();
      }, (err: unknown) => say(passwordFailure(err), true)).finally(() => { submit.disabled = false; });
    } },
  el("h2", {}, "Change your password"), lc, current, ln, next, lr, repeat, submit,
  closeButton, status);
  queueMicrotask(() => current.focus());
  return form;
}
