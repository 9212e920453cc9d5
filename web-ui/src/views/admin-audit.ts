// Admin view, Audit log tab: who did what, filtered by actor, action and the page's time range
// (the range picker above), newest first, with a CSV export of the same query
// (`GET /api/v1/admin/audit?...&format=csv`). Filters live in the URL like every other view's.

import { el, replace } from "../dom";
import { getJson } from "../http";
import { dataTable } from "./table";
import { listOf, when, type AdminPane } from "./admin-kit";

/** The actions docs/SECURITY.md lists, for the filter's choices (the server may add more). */
export const AUDIT_ACTIONS = ["auth.login", "auth.login.failed", "auth.login.throttled", "auth.logout", "auth.password",
  "user.create", "user.update", "user.delete", "key.create", "key.revoke", "rule.create", "rule.update", "rule.delete",
  "alert.ack", "alert.silence", "alert.unsilence", "layout.save", "export"];
/** Rows asked for at most; the CSV export has the same limit. */
const LIMIT = 1000;

/** An audit `detail` as one line of text: strings as they are, anything else as JSON. */
export const detailText = (v: unknown): string =>
  (typeof v === "string" ? v : v === null || v === undefined ? "" : JSON.stringify(v));

export async function renderAudit(root: HTMLElement, pane: AdminPane): Promise<void> {
  const { ctx } = pane;
  const actor = ctx.state.params.actor ?? "";
  const action = ctx.state.params.action ?? "";
  const url = ctx.url("/api/v1/admin/audit", { actor, action, limit: LIMIT });
  const rows = listOf(await getJson(url), "rows");
  const actorInput = el("input", { id: "audit-actor", type: "search", value: actor, autocomplete: "off" });
  const actionSelect = el("select", { id: "audit-action" }, el("option", { value: "" }, "any action"),
    ...[...new Set([...AUDIT_ACTIONS, action].filter((a) => a !== ""))].map((a) => el("option", { value: a, selected: a === action }, a)));
  const filters = el("form", { class: "filters", id: "audit-filters", "aria-label": "Filter the audit log", onsubmit: (e: Event) => {
    e.preventDefault();
    ctx.nav({ params: { ...ctx.state.params, actor: actorInput.value.trim(), action: actionSelect.value } });
  } },
  el("label", { for: "audit-actor" }, "Actor"), actorInput,
  el("label", { for: "audit-action" }, "Action"), actionSelect,
  el("button", { type: "submit" }, "Apply"));
  replace(root, filters, dataTable({
    id: "audit-table", caption: "Audit log", rows, exportUrl: url, sort: { key: "at", desc: true },
    empty: "No audit entries match in this range.",
    columns: [
      { key: "at", label: "When", fmt: (v) => when(v) },
      { key: "actor", label: "Actor", fmt: (v, r) => `${String(v ?? "")}${r.actorKind ? ` (${String(r.actorKind)})` : ""}` },
      { key: "action", label: "Action" },
      { key: "target", label: "Target" },
      { key: "outcome", label: "Outcome" },
      { key: "ip", label: "IP" },
      { key: "detail", label: "Detail", fmt: (v) => el("span", { class: "detail" }, detailText(v)) },
    ],
  }));
}
