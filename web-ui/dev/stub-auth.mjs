// The security part of the dev stub (docs/SECURITY.md): login/me/logout with a session cookie and
// CSRF token, roles, the admin API in memory, and the real product's CSP header, so the browser
// smoke test sees a CSP violation as a console error exactly as against the real query API.
// Users: admin, operator and viewer, each with the password "<name>-password" (stub only).
import { randomBytes } from "node:crypto";

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
  + "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
export const EVIL = "<img src=x onerror=alert(1)>";

export function createAuth() {
  const users = new Map(["admin", "operator", "viewer", EVIL].map((u) => [u, {
    username: u, role: u === EVIL ? "viewer" : u, password: `${u}-password`, disabled: false, createdAt: Date.now() - 86_400_000, lastLoginAt: null }]));
  const sessions = new Map(); // cookie value -> { username, csrf }
  const keys = [{ id: "ABCDEFGHJKMN", name: EVIL, scopes: ["read"], createdBy: "admin", createdAt: Date.now() - 3_600_000,
    expiresAt: null, revokedAt: null, lastUsedAt: null }];
  const audit = [{ id: 1, at: Date.now() - 60_000, actor: EVIL, actorKind: "user", action: "auth.login.failed", target: EVIL,
    outcome: "denied", ip: "127.0.0.1", detail: EVIL }];

  const who = (req) => {
    const m = /(?:^|;\s*)ap_session=([A-Za-z0-9_-]+)/.exec(req.headers.cookie ?? "");
    const s = m ? sessions.get(m[1]) : null;
    return s ? { ...s, role: users.get(s.username)?.role } : null;
  };

  /** Answers the request (returns true) when it is an auth or admin route, or refuses an anonymous API call. */
  return async function handle(req, res, url, json, readBody) {
    const p = url.pathname;
    if (p === "/api/v1/auth/login" && req.method === "POST") {
      const { username, password } = JSON.parse(await readBody() || "{}");
      const u = users.get(username);
      if (username === "locked") { res.setHeader("retry-after", "125"); return json([429, { error: "throttled", reason: "throttled" }]); }
      if (!u || u.disabled || u.password !== password) return json([401, { error: "bad credentials", reason: "bad-credentials" }]);
      const cookie = randomBytes(16).toString("base64url");
      const csrf = randomBytes(16).toString("base64url");
      sessions.set(cookie, { username, csrf });
      u.lastLoginAt = Date.now();
      res.setHeader("set-cookie", `ap_session=${cookie}; HttpOnly; SameSite=Strict; Path=/`);
      return json([200, { username, role: u.role, csrf }]);
    }
    if (p === "/dev/expire") { sessions.clear(); return json([200, { expired: true }]); } // every session ends (tests)
    if (!p.startsWith("/api/")) return false;
    const s = who(req);
    if (!s) return json([401, { error: "sign in first", reason: "missing-credentials" }]);
    if (p === "/api/v1/auth/me") return json([200, { username: s.username, role: s.role, csrf: s.csrf }]);
    if (req.method !== "GET" && req.headers["x-csrf-token"] !== s.csrf) return json([403, { error: "csrf", reason: "csrf" }]);
    if (p === "/api/v1/auth/logout") {
      for (const [k, v] of sessions) if (v === s || v.csrf === s.csrf) sessions.delete(k);
      res.writeHead(204); res.end(); return true;
    }
    if (p === "/api/v1/auth/password") {
      const { current, next } = JSON.parse(await readBody() || "{}");
      const u = users.get(s.username);
      if (u.password !== current) return json([403, { error: "The current password is wrong.", reason: "bad-credentials" }]);
      if (String(next ?? "").length < 12) return json([400, { error: "A password must have at least 12 characters.", reason: "weak-password" }]);
      u.password = next;
      res.writeHead(204); res.end(); return true;
    }
    if (!p.startsWith("/api/v1/admin/")) {
      if (req.method !== "GET" && s.role === "viewer") return json([403, { error: "forbidden", reason: "forbidden" }]);
      return false; // the data routes of stub-server.mjs
    }
    if (s.role !== "admin") return json([403, { error: "forbidden", reason: "forbidden" }]);
    const body = req.method === "GET" ? {} : JSON.parse(await readBody() || "{}");
    if (p === "/api/v1/admin/users") {
      if (req.method === "GET") return json([200, [...users.values()].map(({ password, ...u }) => u)]);
      users.set(body.username, { ...body, disabled: false, createdAt: Date.now(), lastLoginAt: null });
      return json([201, { username: body.username }]);
    }
    const user = /^\/api\/v1\/admin\/users\/(.+)$/.exec(p);
    if (user) {
      const name = decodeURIComponent(user[1]);
      if (req.method === "DELETE") users.delete(name); else Object.assign(users.get(name) ?? {}, body);
      return json([200, {}]);
    }
    if (p === "/api/v1/admin/keys") {
      if (req.method === "GET") return json([200, keys]);
      const id = randomBytes(8).toString("hex").toUpperCase().slice(0, 12);
      keys.push({ id, name: body.name, scopes: body.scopes, createdBy: s.username, createdAt: Date.now(),
        expiresAt: body.expiresAt ?? null, revokedAt: null, lastUsedAt: null });
      return json([201, { id, token: `apk_${id.toLowerCase()}_${randomBytes(32).toString("base64url")}` }]);
    }
    const key = /^\/api\/v1\/admin\/keys\/(.+)$/.exec(p);
    if (key) { const k = keys.find((x) => x.id === key[1]); if (k) k.revokedAt = Date.now(); res.writeHead(204); res.end(); return true; }
    if (p === "/api/v1/admin/audit") return json([200, { rows: audit }]);
    return json([404, { error: "not found" }]);
  };
}
