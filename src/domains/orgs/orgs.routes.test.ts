import { beforeAll, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import {
  buildTestApp,
  errorCode,
  loginAs,
  withApiKey,
  type Session,
  type TestApp,
} from "../../../test/http.ts";

describeEachBackend("settings routes", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let admin: Session;

  beforeAll(async () => {
    app = buildTestApp(database());
    org = await buildOrg(database().db);
    other = await buildOrg(database().db);
    admin = await loginAs(app, org.users.admin.email);
  });

  it("creates a team, refuses a duplicate name, and deletes it while keeping its agents", async () => {
    const created = await admin.request("POST", "/api/v1/teams", { name: "Escalations" });
    expect(created.status).toBe(201);
    const team = (await created.json()) as { id: string };
    expect(
      await errorCode(await admin.request("POST", "/api/v1/teams", { name: "Escalations" })),
    ).toBe("TEAM_NAME_TAKEN");
    // A team of the same name in another organization is fine: names are per tenant.
    const otherAdmin = await loginAs(app, other.users.admin.email);
    expect(
      (await otherAdmin.request("POST", "/api/v1/teams", { name: "Escalations" })).status,
    ).toBe(201);
    expect((await admin.request("DELETE", `/api/v1/teams/${org.teamId}`)).status).toBe(204);
    const agents = (await (await admin.request("GET", "/api/v1/agents")).json()) as {
      items: { id: string; teamId: string | null }[];
    };
    expect(agents.items.find((a) => a.id === org.agentId)?.teamId).toBeNull();
    expect((await admin.request("DELETE", `/api/v1/teams/${team.id}`)).status).toBe(204);
  });

  it("creates one team when the same name is sent several times at once, and answers 409, not 500, to the rest", async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        admin.request("POST", "/api/v1/teams", { name: "Night shift" }),
      ),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    for (const r of answers.filter((a) => a.status === 409))
      expect(["TEAM_NAME_TAKEN", "CONFLICT"]).toContain(await errorCode(r));
  });

  it("lists only this organization's teams, agents and users", async () => {
    const users = (await (await admin.request("GET", "/api/v1/users")).json()) as {
      items: { email: string }[];
    };
    expect(users.items.map((u) => u.email)).toContain(org.users.qa.email);
    expect(users.items.map((u) => u.email)).not.toContain(other.users.qa.email);
    const agents = (await (await admin.request("GET", "/api/v1/agents")).json()) as {
      items: { id: string }[];
    };
    expect(agents.items.map((a) => a.id)).not.toContain(other.agentId);
  });

  it("creates a user who can log in, and refuses a taken email", async () => {
    const res = await admin.request("POST", "/api/v1/users", {
      email: "new.leader@example.test",
      name: "New Leader",
      password: "leader-password-1",
      role: "leader",
      teamId: org.otherTeamId,
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ role: "leader", teamId: org.otherTeamId });
    const session = await loginAs(app, "new.leader@example.test", "leader-password-1");
    expect((await session.request("GET", "/api/v1/users")).status).toBe(200);
    const again = await admin.request("POST", "/api/v1/users", {
      email: "NEW.leader@example.test",
      name: "x",
      password: "leader-password-1",
      role: "qa",
    });
    expect(await errorCode(again)).toBe("EMAIL_TAKEN");
  });

  it("answers a user whose email has an account in another organization exactly like a new one", async () => {
    const create = (email: string) =>
      admin.request("POST", "/api/v1/users", {
        email,
        name: "Probe",
        password: "probe-password-1",
        role: "qa",
      });
    const fresh = await create("nobody-yet@example.test");
    const elsewhere = await create(other.users.qa.email);
    expect(elsewhere.status).toBe(fresh.status);
    expect(elsewhere.status).toBe(201);
    const keys = (r: unknown) => Object.keys(r as object).sort();
    expect(keys(await elsewhere.json())).toEqual(keys(await fresh.json()));
    // The other organization's person keeps their password; the one sent here is not applied.
    await loginAs(app, other.users.qa.email);
    await expect(loginAs(app, other.users.qa.email, "probe-password-1")).rejects.toThrow(/401/);
    // Within this organization, a member's email is taken (this admin can see its members anyway).
    expect(await errorCode(await create(other.users.qa.email))).toBe("EMAIL_TAKEN");
  });

  it("refuses a team id of another organization", async () => {
    const res = await admin.request("POST", "/api/v1/users", {
      email: "cross@example.test",
      name: "x",
      password: "long-enough-pw",
      role: "qa",
      teamId: other.otherTeamId,
    });
    expect(res.status).toBe(404);
  });

  it("never demotes the last admin", async () => {
    const res = await admin.request("PATCH", `/api/v1/users/${org.users.admin.id}`, { role: "qa" });
    expect(res.status).toBe(409);
  });

  it("issues an API key once, stores only its hash, records it in the audit log, and revokes it", async () => {
    const res = await admin.request("POST", "/api/v1/api-keys", {
      name: "Zendesk sync",
      scopes: ["read", "ingest"],
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; key: string; prefix: string };
    expect(created.key.startsWith(created.prefix)).toBe(true);
    const stored = await queryRows<{ n: number }>(
      database().db,
      sql`select count(*)::int as n from api_keys where key_hash = ${created.key} or prefix = ${created.key}`,
    );
    expect(stored[0]!.n).toBe(0);
    const listed = (await (await admin.request("GET", "/api/v1/api-keys")).json()) as {
      items: Record<string, unknown>[];
    };
    expect(JSON.stringify(listed)).not.toContain(created.key);

    const call = withApiKey(app, created.key);
    expect((await call("GET", "/api/v1/conversations")).status).toBe(200);
    expect((await admin.request("DELETE", `/api/v1/api-keys/${created.id}`)).status).toBe(204);
    expect((await call("GET", "/api/v1/conversations")).status).toBe(401);
    expect((await admin.request("DELETE", `/api/v1/api-keys/${created.id}`)).status).toBe(404);

    const audit = (await (await admin.request("GET", "/api/v1/audit-log")).json()) as {
      items: { action: string; targetId: string }[];
    };
    expect(
      audit.items
        .filter((e) => e.targetId === created.id)
        .map((e) => e.action)
        .sort(),
    ).toEqual(["api_key.created", "api_key.revoked"]);
  });
});
