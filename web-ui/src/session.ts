// Who is signed in, and what their role lets the page show. The server enforces every rule
// (docs/SECURITY.md); the page only hides what would be refused, so a viewer is not offered a
// button that answers 403. Pure apart from the one current-session variable.

export const ROLES = ["admin", "operator", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** The answer of `POST /api/v1/auth/login` and `GET /api/v1/auth/me`. */
export interface Session { username: string; role: Role; csrf: string }

/** What the page may offer. Reading is everyone's; these are the writes and the admin view. */
export type Action = "ack" | "silence" | "rules" | "layout" | "admin";

const ALLOWED: Record<Role, readonly Action[]> = {
  admin: ["ack", "silence", "rules", "layout", "admin"],
  operator: ["ack", "silence", "rules", "layout"],
  viewer: [],
};

/** A session from an untrusted body, or null when anything is missing or the role is unknown. */
export function parseSession(body: unknown): Session | null {
  if (typeof body !== "object" || body === null) return null;
  const o = body as Record<string, unknown>;
  const { username, role, csrf } = o;
  if (typeof username !== "string" || username === "" || typeof csrf !== "string") return null;
  if (!(ROLES as readonly string[]).includes(role as string)) return null;
  return { username, role: role as Role, csrf };
}

let current: Session | null = null;

export function session(): Session | null { return current; }
export function setSession(s: Session | null): void { current = s; }

/** Whether the signed-in user (or `s`) may do `action`; nobody signed in may do nothing. */
export function can(action: Action, s: Session | null = current): boolean {
  return s !== null && ALLOWED[s.role].includes(action);
}
