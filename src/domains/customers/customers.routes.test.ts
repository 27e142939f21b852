import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { createApiKey } from "../orgs/index.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { everyRowAsText } from "../../../test/db-scan.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import {
  buildTestApp,
  errorCode,
  loginAs,
  withApiKey,
  type Session,
  type TestApp,
} from "../../../test/http.ts";

describeEachBackend("customer export and erase", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let admin: Session;
  let customerId: string;
  let conversationIds: string[];
  const name = "Zebulon Quixotic-Vandermeer";
  const email = "zebulon.quixotic@example.test";
  const phrase = "my parcel with the purple umbrella";

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    org = await buildOrg(db);
    admin = await loginAs(app, org.users.admin.email);
    const ingest = withApiKey(
      app,
      (await createApiKey(db, org.orgId, { kind: "cli" }, "ingest", ["ingest"])).key,
    );
    const res = await ingest("POST", "/api/v1/interactions", {
      conversations: ["z-1", "z-2"].map((externalId, i) => ({
        externalId,
        source: "privacy",
        channel: "chat",
        subject: `About ${phrase}`,
        customer: { externalId: "zeb", name, email },
        agent: { externalId: "a-9", name: "Ada" },
        metadata: { note: phrase },
        messages: [
          {
            role: "customer",
            text: `Where is ${phrase}? Mail ${email}`,
            ts: `2026-11-0${i + 1}T10:00:00Z`,
          },
          { role: "agent", text: `Sorry ${name}, checking.`, ts: `2026-11-0${i + 1}T10:01:00Z` },
        ],
      })),
    });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: { id: string }[] };
    conversationIds = results.map((r) => r.id);
    const [row] = await queryRows<{ customer_id: string }>(
      db,
      sql`select customer_id from conversations where org_id = ${org.orgId} and id = ${conversationIds[0]!}`,
    );
    customerId = row!.customer_id;
    // A table of a domain this code does not know (as survey answers or cases are to it): one row
    // names the customer, one a conversation, one neither.
    await db.execute(sql`create table feedback_notes (org_id uuid not null, id uuid primary key
      default gen_random_uuid(), customer_id uuid, conversation_id uuid, note text not null)`);
    await db.execute(sql`insert into feedback_notes (org_id, customer_id, conversation_id, note) values
      (${org.orgId}, ${customerId}, null, ${`Called back about ${phrase}`}),
      (${org.orgId}, null, ${conversationIds[1]!}, 'Refund approved'),
      (${org.orgId}, null, null, 'Someone else entirely')`);
  });

  it("exports the customer, identities, conversations, messages and analyses as JSON", async () => {
    const res = await admin.request("GET", `/api/v1/customers/${customerId}/export`);
    expect(res.status).toBe(200);
    const data = (await res.json()) as {
      customer: { id: string; name: string };
      identities: { source: string; externalId: string }[];
      conversations: { id: string; messages: { text: string }[]; analysis: unknown }[];
    };
    expect(data.customer).toMatchObject({ id: customerId, name });
    expect(data.identities).toContainEqual({ source: "privacy", externalId: "zeb" });
    expect(data.conversations.map((c) => c.id).sort()).toEqual([...conversationIds].sort());
    expect(data.conversations[0]!.messages).toHaveLength(2);
    expect(data.conversations[0]!.analysis).not.toBeNull();
    const related = (data as unknown as { related: Record<string, { note: string }[]> }).related;
    expect(related.feedback_notes!.map((r) => r.note).sort()).toEqual([
      `Called back about ${phrase}`,
      "Refund approved",
    ]);
  });

  it("erases the customer leaving no trace in any table, and an audit entry without personal data", async () => {
    const db = database().db;
    const before = await everyRowAsText(db);
    expect(before.some((r) => r.text.includes("purple umbrella"))).toBe(true);
    const res = await admin.request("DELETE", `/api/v1/customers/${customerId}`);
    expect(res.status).toBe(204);
    const after = await everyRowAsText(db);
    const traces = after.filter(
      (r) =>
        ["purple umbrella", "Zebulon", "zebulon.quixotic", "Quixotic"].some((s) =>
          r.text.includes(s),
        ) ||
        conversationIds.some((id) => r.text.includes(id)) ||
        (r.text.includes(customerId) && r.table !== "audit_log"),
    );
    expect(traces).toEqual([]);
    const notes = await queryRows<{ note: string }>(db, sql`select note from feedback_notes`);
    expect(notes.map((r) => r.note)).toEqual(["Someone else entirely"]);
    const audit = after.filter((r) => r.table === "audit_log" && r.text.includes(customerId));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.text).toContain("customer.erased");
    // The organization's other customer and conversations are untouched.
    expect(after.some((r) => r.text.includes(org.conversationId))).toBe(true);
    expect((await admin.request("GET", `/api/v1/customers/${customerId}/export`)).status).toBe(404);
    expect(await errorCode(await admin.request("DELETE", `/api/v1/customers/${customerId}`))).toBe(
      "CUSTOMER_NOT_FOUND",
    );
  });
});
