import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachBackend } from "../../test/db.ts";
import { buildOrg } from "../../test/factories.ts";
import { ingestConversations } from "../domains/conversations/index.ts";
import { Queue } from "../jobs/queue.ts";
import { queryRows, type Db } from "./client.ts";

async function ingestOne(db: Db, orgId: string): Promise<string> {
  const [result] = await ingestConversations({ db, queue: new Queue(db) }, orgId, [
    {
      externalId: randomUUID(),
      source: "test",
      channel: "chat",
      customer: { externalId: "c-1" },
      messages: [
        { role: "customer", text: "Where is my parcel?", ts: "2026-11-01T10:00:00Z" },
        { role: "agent", text: "Let me check that for you.", ts: "2026-11-01T10:01:00Z" },
      ],
    },
  ]);
  return result!.id!;
}

async function counts(db: Db, conversationId: string) {
  const [row] = await queryRows<{ messages: number; analyses: number; analysis: number }>(
    db,
    sql`select (select count(*)::int from messages where conversation_id = ${conversationId}) as messages,
               (select count(*)::int from message_analyses where conversation_id = ${conversationId}) as analyses,
               (select count(*)::int from conversation_analyses where conversation_id = ${conversationId}) as analysis`,
  );
  return row!;
}

describeEachBackend("deleting conversations", ({ database }) => {
  it("deletes their messages and analyses, and only theirs", async () => {
    const db = database().db;
    const org = await buildOrg(db);
    const gone = await ingestOne(db, org.orgId);
    const kept = await ingestOne(db, org.orgId);
    expect(await counts(db, gone)).toEqual({ messages: 2, analyses: 2, analysis: 1 });

    await db.execute(sql`delete from conversations where org_id = ${org.orgId} and id = ${gone}`);

    expect(await counts(db, gone)).toEqual({ messages: 0, analyses: 0, analysis: 0 });
    expect(await counts(db, kept)).toEqual({ messages: 2, analyses: 2, analysis: 1 });
  });

  it("cascades from a deleted organization down to its messages", async () => {
    const db = database().db;
    const org = await buildOrg(db);
    const other = await buildOrg(db);
    const gone = await ingestOne(db, org.orgId);
    const kept = await ingestOne(db, other.orgId);

    await db.execute(sql`delete from organizations where id = ${org.orgId}`);

    expect(await counts(db, gone)).toEqual({ messages: 0, analyses: 0, analysis: 0 });
    expect(await counts(db, kept)).toEqual({ messages: 2, analyses: 2, analysis: 1 });
  });
});
