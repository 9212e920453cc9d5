import { test } from "node:test";
import assert from "node:assert/strict";
import { can, parseSession, type Action } from "../src/session";
import { loginFailure, waitText } from "../src/login";
import { HttpError } from "../src/http";
import { passwordFailure } from "../src/password";

test("sessions are parsed strictly: unknown roles and missing fields are nobody", () => {
  assert.deepEqual(parseSession({ username: "ann", role: "operator", csrf: "c" }), { username: "ann", role: "operator", csrf: "c" });
  assert.equal(parseSession({ username: "ann", role: "root", csrf: "c" }), null);
  assert.equal(parseSession({ username: "", role: "admin", csrf: "c" }), null);
  assert.equal(parseSession({ username: "ann", role: "admin" }), null);
  assert.equal(parseSession("admin"), null);
});

test("role gating: viewers read only, operators act on alerts, rules and layouts, admins also administer", () => {
  const actions: Action[] = ["ack", "silence", "rules", "layout", "admin"];
  const of = (role: "admin" | "operator" | "viewer") => actions.filter((a) => can(a, { username: "u", role, csrf: "" }));
  assert.deepEqual(of("viewer"), []);
  assert.deepEqual(of("operator"), ["ack", "silence", "rules", "layout"]);
  assert.deepEqual(of("admin"), actions);
  assert.equal(can("ack", null), false, "nobody signed in may do nothing");
});

test("the login form says why a sign-in failed", () => {
  assert.equal(loginFailure(new HttpError("x", 401, "bad-credentials")), "Wrong username or password.");
  assert.equal(loginFailure(new HttpError("x", 429, "throttled", 250)),
    "Too many failed sign-ins for this username. Try again in 4 min 10 s.");
  assert.match(loginFailure(new HttpError("x", 429, "throttled")), /a few minutes/);
  assert.match(loginFailure(new TypeError("Failed to fetch")), /^Signing in failed: Failed to fetch/);
  assert.equal(waitText(45), "45 s");
  assert.equal(waitText(300), "5 min");
});

test("changing one's password: a wrong current password, else the server's words", () => {
  assert.equal(passwordFailure(new HttpError("POST /api/v1/auth/password answered HTTP 403: x", 403, "bad-credentials")),
    "The current password is wrong.");
  assert.equal(passwordFailure(new HttpError("POST /api/v1/auth/password answered HTTP 400: too short", 400, "weak-password")),
    "POST /api/v1/auth/password answered HTTP 400: too short");
});
