// What the Admin view's tabs share: the pane they draw in, list parsing, dates, and the inline
// confirmation button (no confirm() dialogs: keyboard-friendly, and nothing modal under test).

import { el, replace } from "../dom";
import { instant } from "../api";
import { stamp, type ViewContext } from "./context";

/** What the tabs share: where to say how an action went, and how to redraw after one. */
export interface AdminPane {
  ctx: ViewContext;
  /** Shows a result ("User x created.") or a failure (role=alert). */
  say(message: string, failed?: boolean): void;
  /** Draws the tab again from the server. */
  reload(): Promise<void>;
}

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Local date and time of an epoch-ms or ISO-8601 value; an em dash for none. */
export const when = (v: unknown): string => { const t = instant(v); return t === null ? "\u2014" : stamp(t); };

/** A list from an array body or from `{key: [...]}`; objects only. */
export function listOf(body: unknown, key: string): Record<string, unknown>[] {
  const b = body as Record<string, unknown> | null;
  const list = Array.isArray(body) ? body : Array.isArray(b?.[key]) ? b?.[key] as unknown[] : [];
  return list.filter((x): x is Record<string, unknown> => typeof x === "object" && x !== null);
}

/** Runs `action`, says how it went, and redraws the tab on success. */
export async function act(pane: AdminPane, action: () => Promise<unknown>, done: string): Promise<boolean> {
  try {
    await action();
  } catch (e) {
    pane.say(errorText(e), true);
    return false;
  }
  await pane.reload();
  pane.say(done);
  return true;
}

/**
 * A button that asks first, inline: "Revoke" becomes "Revoke key x? [Yes, revoke] [Cancel]".
 * `confirmText` is plain text (it may hold a hostile name).
 */
export function confirmButton(label: string, confirmText: string, yes: string, onYes: () => void, cls = ""): HTMLElement {
  const box = el("span", { class: "confirm" });
  const ask = el("button", { type: "button", class: cls, onclick: () => {
    const yesButton = el("button", { type: "button", class: `danger ${cls}-yes`, onclick: onYes }, yes);
    replace(box, el("span", { class: "confirm-text" }, confirmText), " ", yesButton, " ",
      el("button", { type: "button", onclick: () => { replace(box, ask); ask.focus(); } }, "Cancel"));
    yesButton.focus();
  } }, label);
  box.append(ask);
  return box;
}

/** A titled panel holding a plain table (rows built by the caller, text only), or `empty` for none. */
export function panelTable(id: string, caption: string, head: string[], rows: HTMLElement[], empty: string): HTMLElement {
  const body = el("tbody", {}, ...rows);
  if (rows.length === 0) body.append(el("tr", {}, el("td", { colspan: head.length, class: "empty" }, empty)));
  return el("section", { class: "panel", "aria-label": caption },
    el("div", { class: "panel-head" }, el("h2", {}, caption)),
    el("div", { class: "scroll" }, el("table", { class: "data", id },
      el("caption", { class: "visually-hidden" }, caption),
      el("thead", {}, el("tr", {}, ...head.map((h) => el("th", { scope: "col" }, h)))),
      body)));
}
