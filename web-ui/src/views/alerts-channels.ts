// Notification channels in the Alerts view: list, create / edit (admins), test-send (operators and
// admins) and each channel's recent deliveries. Secrets are write-only: the server answers only
// whether each is set, so a secret field starts empty and an empty field keeps the stored value.
// Every name, setting and error is set through textContent (../dom.ts): never HTML.

import { el } from "../dom";
import { can } from "../session";
import { call, type Json, table, when } from "./alerts-kit";

/** Which settings (shown) and secrets (write-only) each type takes: ChannelCheck on the server. */
export const FIELDS: Record<string, { settings: string[]; secrets: string[] }> = {
  webhook: { settings: ["url"], secrets: ["secret"] },
  slack: { settings: [], secrets: ["url"] },
  pagerduty: { settings: ["url"], secrets: ["routing_key"] },
  email: { settings: ["host", "port", "starttls", "user", "from", "to"], secrets: ["password"] },
};

export const channelsBox = el("div", { class: "channels" });
channelsBox.id = "channels";
const note = el("p", { class: "channel-note" }, "");
note.id = "channel-note";
note.hidden = true;
const list = el("div", {});
const deliveries = el("div", {});
deliveries.id = "channel-deliveries";
channelsBox.append(note, list, deliveries);

/** An open form is not replaced by the periodic refresh. */
export const channelsBusy = () => channelsBox.querySelector("form") !== null;

function say(text: string): void {
  note.textContent = text;
  note.hidden = false;
}

function button(label: string, onClick: () => Promise<unknown>, cls?: string): HTMLButtonElement {
  const b = el("button", { class: cls }, label);
  b.type = "button";
  b.addEventListener("click", () => { onClick().catch((e: Error) => say(e.message)); });
  return b;
}

const path = (id: unknown) => `/api/v1/channels/${encodeURIComponent(String(id))}`;

function field(form: HTMLElement, key: string, label: string, value: string, secret: boolean, isSet = false): void {
  const l = el("label", {}, label);
  const input = el("input", {});
  input.name = key;
  input.value = value;
  if (secret) {
    input.type = "password";
    input.autocomplete = "new-password";
    input.placeholder = isSet ? "set — leave empty to keep" : "not set";
  }
  l.append(input);
  form.append(l);
}

/** The create / edit form; `initial` is a channel as the API answers it (secrets masked). */
export function channelForm(initial: Json | null): HTMLFormElement {
  const form = el("form", { class: "channel-form" });
  form.id = "channel-form";
  const type = el("select", {});
  type.name = "type";
  Object.keys(FIELDS).forEach((t) => { const o = el("option", {}, t); o.value = t; type.append(o); });
  type.value = String(initial?.type ?? "webhook");
  type.disabled = initial !== null;
  const fixed = el("div", {});
  field(fixed, "id", "id", String(initial?.id ?? ""), false);
  field(fixed, "name", "name", String(initial?.name ?? ""), false);
  const typeLabel = el("label", {}, "type");
  typeLabel.append(type);
  fixed.append(typeLabel);
  if (initial) (fixed.querySelector("input[name=id]") as HTMLInputElement).readOnly = true;
  const specific = el("div", {});
  const fill = () => {
    const settings = (initial?.settings ?? {}) as Record<string, string>;
    const secrets = (initial?.secrets ?? {}) as Record<string, { set?: boolean }>;
    specific.replaceChildren();
    const f = FIELDS[type.value];
    f.settings.forEach((k) => field(specific, `settings.${k}`, k, settings[k] ?? "", false));
    f.secrets.forEach((k) => field(specific, `secrets.${k}`, `${k} (secret)`, "", true, secrets[k]?.set === true));
  };
  type.addEventListener("change", fill);
  fill();
  form.append(fixed, specific, button("Save", () => save(form, initial !== null)), button("Cancel", async () => form.remove()));
  form.addEventListener("submit", (e) => e.preventDefault());
  return form;
}

async function save(form: HTMLFormElement, editing: boolean): Promise<void> {
  const body: Json = { settings: {}, secrets: {} };
  form.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input, select").forEach((i) => {
    const [group, key] = i.name.includes(".") ? i.name.split(".", 2) : [null, i.name];
    if (group === "secrets" && i.value === "") return; // keep the stored secret
    if (group) (body[group] as Json)[key] = i.value;
    else body[key] = i.value;
  });
  await (editing ? call("PUT", path(body.id), body) : call("POST", "/api/v1/channels", body));
  form.remove();
  say(`Saved channel ${String(body.id)}.`);
  await loadChannels();
}

async function test(c: Json): Promise<void> {
  const r = await call("POST", `${path(c.id)}/test`);
  say(`Test to ${String(c.name)}: ${String(r.outcome)}${r.status ? ` (HTTP ${r.status})` : ""}${r.error ? ` — ${r.error}` : ""}`);
  await showDeliveries(c);
}

export async function showDeliveries(c: Json): Promise<void> {
  const r = await call("GET", `${path(c.id)}/deliveries?limit=20`);
  const rows = (r.deliveries as Json[]).map((d) => [el("span", {}, when(d.at)), el("span", {}, String(d.rule_name ?? d.fingerprint)),
    el("span", {}, String(d.state)), el("span", { class: `outcome ${String(d.outcome)}` }, String(d.outcome)), el("span", {}, String(d.status_code ?? "")),
    el("span", {}, String(d.error ?? ""))]);
  deliveries.replaceChildren(el("h4", {}, `Deliveries of ${String(c.name)}`),
    table(["time", "alert", "state", "outcome", "status", "error"], rows, "No delivery yet."));
}

function summary(c: Json): string {
  const settings = Object.entries((c.settings ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`);
  const secrets = Object.entries((c.secrets ?? {}) as Record<string, { set?: boolean }>).map(([k, v]) => `${k}: ${v.set ? "set" : "not set"}`);
  return [...settings, ...secrets].join(" · ");
}

export async function loadChannels(): Promise<void> {
  const r = await call("GET", "/api/v1/channels");
  const rows = (r.channels as Json[]).map((c) => {
    const actions = el("span", {});
    if (can("rules")) actions.append(button("Test", () => test(c), "test"));
    actions.append(button("Deliveries", () => showDeliveries(c), "deliveries"));
    if (can("admin")) {
      actions.append(button("Edit", async () => { list.prepend(channelForm(c)); }),
        button("Delete", async () => {
          if (!confirm(`Delete channel ${String(c.id)}? Rules routing to it send nothing there.`)) return;
          await call("DELETE", path(c.id));
          await loadChannels();
        }));
    }
    const row = [el("span", {}, String(c.id)), el("span", { class: "channel-name" }, String(c.name)), el("span", {}, String(c.type)), el("span", {}, summary(c)), actions];
    return row;
  });
  const add = can("admin") ? [button("New channel", async () => { list.prepend(channelForm(null)); }, "new-channel")] : [];
  list.replaceChildren(...add, table(["id", "name", "type", "settings", ""], rows, "No channels: alerts go to the 'default' webhook, if set."));
  list.querySelectorAll("tbody tr").forEach((tr, i) => { (tr as HTMLElement).dataset.channel = String((r.channels as Json[])[i].id); });
}
