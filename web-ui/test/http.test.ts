import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { getJson, HttpError, json, onSessionLost, request, retryAfterSeconds } from "../src/http";
import { session, setSession } from "../src/session";
import { fakeFetch } from "./fake-fetch";

const admin = { username: "admin", role: "admin" as const, csrf: "tok-123" };
let lost = 0;
beforeEach(() => { setSession(admin); lost = 0; onSessionLost(() => { lost++; }); });

test("every write carries X-CSRF-Token, reads do not", async () => {
  const calls = fakeFetch({ "GET /a": [200, {}], "POST /a": [201, {}], "PUT /a": [200, {}], "PATCH /a": [200, {}], "DELETE /a": [204, undefined] });
  for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE"]) await request(m, "/a", m === "GET" || m === "DELETE" ? {} : { body: { x: 1 } });
  assert.deepEqual(calls.map((c) => [c.method, c.headers["x-csrf-token"] ?? null]),
    [["GET", null], ["POST", "tok-123"], ["PUT", "tok-123"], ["PATCH", "tok-123"], ["DELETE", "tok-123"]]);
  assert.equal(calls[1].headers["content-type"], "application/json");
  assert.deepEqual(calls[1].body, { x: 1 });
});

test("lower-case methods are writes too; no session, no token", async () => {
  const calls = fakeFetch({ "POST /a": [200, {}] });
  await request("post", "/a");
  setSession(null);
  await request("POST", "/a", { anonymous: true });
  assert.equal(calls[0].headers["x-csrf-token"], "tok-123");
  assert.equal(calls[1].headers["x-csrf-token"], undefined);
});

test("a 401 on a signed-in call ends the session once, however many calls fail", async () => {
  fakeFetch({ "GET /data": [401, { error: "expired", reason: "session-expired" }] });
  const results = await Promise.allSettled([getJson("/data"), getJson("/data"), getJson("/data")]);
  assert.ok(results.every((r) => r.status === "rejected" && r.reason instanceof HttpError && r.reason.status === 401));
  assert.equal(lost, 1);
  assert.equal(session(), null);
});

test("a 401 on an anonymous call (login, who am I) is an answer, not a lost session", async () => {
  fakeFetch({ "POST /api/v1/auth/login": [401, { error: "bad credentials", reason: "bad-credentials" }] });
  await assert.rejects(json("POST", "/api/v1/auth/login", { body: {}, anonymous: true }),
    (e: unknown) => e instanceof HttpError && e.status === 401 && e.reason === "bad-credentials");
  assert.equal(lost, 0);
  assert.deepEqual(session(), admin);
});

test("429 carries Retry-After; other failures carry the server's words and where", async () => {
  fakeFetch({
    "POST /login": [429, { reason: "throttled" }, { "retry-after": "125" }],
    "DELETE /api/v1/admin/users/admin": [409, { error: "the last admin cannot be deleted" }],
    "GET /broken": [500, "not json at all"],
  });
  await assert.rejects(request("POST", "/login", { anonymous: true }), (e: unknown) => e instanceof HttpError && e.retryAfterS === 125);
  await assert.rejects(request("DELETE", "/api/v1/admin/users/admin"),
    /DELETE \/api\/v1\/admin\/users\/admin answered HTTP 409: the last admin cannot be deleted/);
  await assert.rejects(getJson("/broken?x=1"), /GET \/broken answered HTTP 500\./);
});

test("json(): an empty body (204) is {}", async () => {
  fakeFetch({ "DELETE /k": [204, undefined] });
  assert.deepEqual(await json("DELETE", "/k"), {});
});

test("Retry-After as seconds or an HTTP date", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  assert.equal(retryAfterSeconds("30", now), 30);
  assert.equal(retryAfterSeconds("Thu, 01 Jan 2026 00:05:00 GMT", now), 300);
  assert.equal(retryAfterSeconds(null, now), null);
  assert.equal(retryAfterSeconds("soon", now), null);
});
