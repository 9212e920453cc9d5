// The one door to the query API: every fetch of the page goes through `request`, which
//  - sends `X-CSRF-Token` (the session's `csrf`) on every POST/PUT/PATCH/DELETE (docs/SECURITY.md),
//  - sends the session cookie (same origin) and gives up after a timeout,
//  - turns a 401 on a signed-in call into "session lost" (the page shows the login form again),
//  - turns every other non-2xx answer into an HttpError with the server's reason.
// EventSource is not here: it is same-origin and sends the cookie by itself.

import { session, setSession } from "./session";

/** How long a request may take before it is abandoned, in ms. */
export const TIMEOUT_MS = 10_000;
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export class HttpError extends Error {
  constructor(message: string, readonly status: number, readonly reason: string | null,
    /** Seconds from `Retry-After` (429), else null. */
    readonly retryAfterS: number | null = null) {
    super(message);
  }
}

export interface RequestOptions {
  /** JSON body (sent with content-type application/json). */
  body?: unknown;
  signal?: AbortSignal;
  /**
   * The call works without a session (login, "who am I"): a 401 is its answer, not a lost session.
   */
  anonymous?: boolean;
}

let lost: (() => void) | null = null;

/** `fn` runs when a signed-in call answers 401 (expired or revoked session); once per session. */
export function onSessionLost(fn: () => void): void { lost = fn; }

/** Seconds from a Retry-After header: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterSeconds(v: string | null, now = Date.now()): number | null {
  if (v === null || v.trim() === "") return null;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  const t = Date.parse(v);
  return Number.isFinite(t) ? Math.max(0, Math.ceil((t - now) / 1000)) : null;
}

export async function request(method: string, url: string, o: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (o.body !== undefined) headers["content-type"] = "application/json";
  const s = session();
  if (WRITES.has(method.toUpperCase()) && s) headers["x-csrf-token"] = s.csrf;
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const res = await fetch(url, {
    method, headers, credentials: "same-origin",
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
    signal: o.signal ? AbortSignal.any([o.signal, timeout]) : timeout,
  });
  if (res.ok) return res;
  const body = await res.text().then((t) => { try { return JSON.parse(t) as unknown; } catch { return null; } }, () => null);
  const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const reason = typeof b.reason === "string" ? b.reason : null;
  if (res.status === 401 && !o.anonymous) {
    const had = session() !== null;
    setSession(null);
    if (had) lost?.();
    throw new HttpError("Your session has ended: sign in again.", 401, reason);
  }
  const said = typeof b.error === "string" && b.error !== "" ? b.error : reason;
  const where = `${method} ${url.split("?")[0]} answered HTTP ${res.status}`;
  throw new HttpError(said ? `${where}: ${said}` : `${where}.`, res.status, reason,
    retryAfterSeconds(res.headers.get("retry-after")));
}

/** `request`, then the body as JSON (an empty body, e.g. 204, is `{}`). */
export async function json<T = Record<string, unknown>>(method: string, url: string, o: RequestOptions = {}): Promise<T> {
  const text = await (await request(method, url, o)).text();
  return (text === "" ? {} : JSON.parse(text)) as T;
}

export const getJson = <T = Record<string, unknown>>(url: string, signal?: AbortSignal): Promise<T> =>
  json<T>("GET", url, { signal });
