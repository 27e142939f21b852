import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import { buildTestApp, errorCode, loginAs, type TestApp } from "../../../test/http.ts";
import { CONVERSATIONS_CHANGED_JOB } from "./events.ts";

describeEachBackend("PATCH /conversations/{id}", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;

  beforeAll(async () => {
    app = buildTestApp(database());
    org = await buildOrg(database().db);
  });

  const announced = async (conversationId: string) => {
    const rows = await queryRows<{ n: number }>(
      database().db,
      sql`select count(*)::int as n from jobs where name = ${CONVERSATIONS_CHANGED_JOB}
          and payload -> 'conversationIds' ? ${conversationId}`,
    );
    return Number(rows[0]!.n);
  };

  it("reopens the agent's own conversation and announces the change once", async () => {
    const agent = await loginAs(app, org.users.agent.email);
    const path = `/api/v1/conversations/${org.conversationId}`;
    const before = await announced(org.conversationId);
    const res = await agent.request("PATCH", path, { status: "open" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe("open");
    expect(await announced(org.conversationId)).toBe(before + 1);
    // The same status again changes nothing and announces nothing.
    expect((await agent.request("PATCH", path, { status: "open" })).status).toBe(200);
    expect(await announced(org.conversationId)).toBe(before + 1);
    const read = await agent.request("GET", path);
    expect(((await read.json()) as { conversation: { status: string } }).conversation.status).toBe(
      "open",
    );
  });

  it("hides another agent's conversation from an agent", async () => {
    const agent = await loginAs(app, org.users.agent.email);
    const before = await announced(org.otherConversationId);
    const res = await agent.request("PATCH", `/api/v1/conversations/${org.otherConversationId}`, {
      status: "resolved",
    });
    expect(res.status).toBe(404);
    expect(await announced(org.otherConversationId)).toBe(before);
  });

  it("refuses an unknown status or extra fields with 400", async () => {
    const leader = await loginAs(app, org.users.leader.email);
    const path = `/api/v1/conversations/${org.otherConversationId}`;
    for (const body of [{ status: "done" }, { status: "open", subject: "x" }, {}]) {
      const res = await leader.request("PATCH", path, body);
      expect(res.status).toBe(400);
      expect(await errorCode(res)).toBe("VALIDATION_FAILED");
    }
  });
});
