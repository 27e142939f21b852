import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { expect, it } from "vitest";
import { buildOrg } from "../../../test/factories.ts";
import { migrationsUpTo } from "../../../test/migrations.ts";
import { openDatabase, PGLITE_START_PARAMS, type Db } from "../../db/client.ts";

it("migration 0018 gives an older database's fix matches their conversations' analysis facts", async () => {
  const older = migrationsUpTo("0017_fix-conversations-reason-days");
  const client = await PGlite.create({ startParams: PGLITE_START_PARAMS });
  try {
    await migrate(drizzle(client), { migrationsFolder: older });
    // The tables the factories write are the same before and after 0018.
    const org = await buildOrg(drizzle(client) as unknown as Db);
    const analysed = org.conversationId;
    const unanalysed = org.otherConversationId;
    await client.query(
      `insert into conversation_analyses (org_id, conversation_id, engine_version, message_count,
         satisfaction, sentiment_score, sentiment_label, trajectory, signal_names, result)
       values ($1, $2, 'test', 2, 2.25, -0.5, 'negative', 'flat', '{complaint,repeat_contact}', '{}')`,
      [org.orgId, analysed],
    );
    const { rows } = await client.query<{ id: string }>(
      `insert into fixes (org_id, title, shipped_at, target) values ($1, 'Fix', now(), '{"search":"x"}')
       returning id`,
      [org.orgId],
    );
    await client.query(
      `insert into fix_conversations (org_id, fix_id, conversation_id, started_at)
       select org_id, $2, id, started_at from conversations where org_id = $1`,
      [org.orgId, rows[0]!.id],
    );

    await (await openDatabase({ kind: "pglite-instance", client })).migrate();

    const facts = await client.query<{
      conversation_id: string;
      repeat_contact: boolean;
      complaint: boolean;
      satisfaction: number | null;
    }>(
      `select conversation_id, repeat_contact, complaint, satisfaction from fix_conversations
       where conversation_id in ($1, $2)`,
      [analysed, unanalysed],
    );
    const byId = new Map(facts.rows.map((r) => [r.conversation_id, r]));
    expect(byId.get(analysed)).toMatchObject({
      repeat_contact: true,
      complaint: true,
      satisfaction: 2.25,
    });
    expect(byId.get(unanalysed)).toMatchObject({
      repeat_contact: false,
      complaint: false,
      satisfaction: null,
    });
  } finally {
    await client.close();
    fs.rmSync(older, { recursive: true, force: true });
  }
});
