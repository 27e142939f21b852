import { beforeAll, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createApp } from "../../app.ts";
import { queryRows } from "../../db/client.ts";
import { Queue } from "../../jobs/queue.ts";
import { createLogger } from "../../logger.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, TEST_PASSWORD, type TestOrg } from "../../../test/factories.ts";
import { buildTestApp, errorCode, loginAs, type TestApp } from "../../../test/http.ts";

describeEachBackend("auth routes", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;

  beforeAll(async () => {
    app = buildTestApp(database());
    org = await buildOrg(database().db);
  });

  const post = (path: string, body: unknown) =>
    app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("logs in with an HttpOnly SameSite session cookie and returns the role and CSRF token", async () => {
    const res = await post("/api/v1/auth/login", {
      email: org.users.qa.email.toUpperCase(),
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^rapport_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = (await res.json()) as { role: string; org: { slug: string }; csrfToken: string };
    expect(me).toMatchObject({ role: "qa", org: { slug: org.slug } });
    expect(me.csrfToken.length).toBeGreaterThan(20);
  });

  it("names the member's team, so team views open on it, and null without one", async () => {
    const me = async () =>
      (await (
        await (await loginAs(app, org.users.exec.email)).request("GET", "/api/v1/auth/me")
      ).json()) as {
        teamId: string | null;
      };
    expect((await me()).teamId).toBe(org.teamId);
    await database().db.execute(
      sql`update memberships set team_id = null where user_id = ${org.users.exec.id}::uuid`,
    );
    expect((await me()).teamId).toBeNull();
  });

  it("marks the session cookie Secure when the request came over HTTPS, and only then", async () => {
    const body = JSON.stringify({ email: org.users.exec.email, password: TEST_PASSWORD });
    const over = async (url: string, headers: Record<string, string> = {}, a: TestApp = app) =>
      (
        await a.request(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body,
        })
      ).headers.get("set-cookie") ?? "";
    expect(await over("https://rapport.example/api/v1/auth/login")).toMatch(/;\s*Secure/i);
    expect(await over("http://rapport.example/api/v1/auth/login")).not.toMatch(/;\s*Secure/i);
    // X-Forwarded-Proto counts only behind a trusted proxy (RAPPORT_TRUST_PROXY): anyone can send it.
    const forwarded = { "x-forwarded-proto": "https" };
    expect(await over("http://rapport.example/api/v1/auth/login", forwarded)).not.toMatch(
      /;\s*Secure/i,
    );
    const proxied = createApp({
      db: database().db,
      logger: createLogger("silent"),
      queue: new Queue(database().db),
      config: { cookieSecure: false, bodyLimitBytes: 1_048_576, trustProxy: true },
    });
    expect(await over("http://rapport.example/api/v1/auth/login", forwarded, proxied)).toMatch(
      /;\s*Secure/i,
    );
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    const wrong = await post("/api/v1/auth/login", {
      email: org.users.qa.email,
      password: "nope-nope-nope",
    });
    const unknown = await post("/api/v1/auth/login", {
      email: "ghost@nowhere.test",
      password: TEST_PASSWORD,
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await errorCode(wrong)).toBe("INVALID_CREDENTIALS");
    expect(await errorCode(unknown)).toBe("INVALID_CREDENTIALS");
  });

  it("stores only a hash of the session token", async () => {
    const session = await loginAs(app, org.users.exec.email);
    const token = decodeURIComponent(session.cookie.split("=")[1]!);
    const rows = await queryRows<{ n: number }>(
      database().db,
      sql`select count(*)::int as n from sessions where id = ${token}`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it("ends the session on logout", async () => {
    const session = await loginAs(app, org.users.leader.email);
    expect((await session.request("GET", "/api/v1/auth/me")).status).toBe(200);
    expect((await session.request("POST", "/api/v1/auth/logout")).status).toBe(204);
    expect((await session.request("GET", "/api/v1/auth/me")).status).toBe(401);
  });

  it("changes the password, ends other sessions, and keeps this one", async () => {
    const email = org.users.agent.email;
    const current = await loginAs(app, email);
    const other = await loginAs(app, email);
    const tooShort = await current.request("POST", "/api/v1/auth/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "short",
    });
    expect(tooShort.status).toBe(400);
    const wrong = await current.request("POST", "/api/v1/auth/password", {
      currentPassword: "wrong",
      newPassword: "a-much-longer-one",
    });
    expect(await errorCode(wrong)).toBe("WRONG_PASSWORD");
    const ok = await current.request("POST", "/api/v1/auth/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "a-much-longer-one",
    });
    expect(ok.status).toBe(204);
    expect((await current.request("GET", "/api/v1/auth/me")).status).toBe(200);
    expect((await other.request("GET", "/api/v1/auth/me")).status).toBe(401);
    expect((await post("/api/v1/auth/login", { email, password: TEST_PASSWORD })).status).toBe(401);
    expect(
      (await post("/api/v1/auth/login", { email, password: "a-much-longer-one" })).status,
    ).toBe(200);
  });

  it("applies a role change to live sessions at once", async () => {
    const admin = await loginAs(app, org.users.admin.email);
    const exec = await loginAs(app, org.users.exec.email);
    expect((await exec.request("GET", "/api/v1/users")).status).toBe(403);
    await admin.request("PATCH", `/api/v1/users/${org.users.exec.id}`, { role: "leader" });
    expect((await exec.request("GET", "/api/v1/users")).status).toBe(200);
  });
});
