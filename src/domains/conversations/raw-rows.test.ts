import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import type { RowOf } from "../../db/rows.ts";
import { conversations, type messages } from "../../db/schema/index.ts";
import {
  findConversationsToAnalyze,
  loadMessagesForAnalysis,
  type MessageForAnalysis,
} from "./analysis.repo.ts";
import {
  findConversationsByExternalIds,
  findMessageKeys,
  type ExistingConversation,
  type StoredMessageKey,
} from "./ingest.repo.ts";

/*
 * The raw-SQL row types are derived from the Drizzle tables (db/rows.ts), so a column renamed in the
 * schema fails typecheck. These tests check the other direction: the SQL returns exactly the
 * columns its row type declares (a `Record<keyof Row, true>` must list every key and no other).
 */
const MESSAGE_FOR_ANALYSIS: Record<keyof MessageForAnalysis, true> = {
  id: true,
  conversation_id: true,
  role: true,
  text: true,
  ts: true,
  start_offset: true,
  end_offset: true,
  agent_id: true,
};
const STORED_MESSAGE_KEY: Record<keyof StoredMessageKey, true> = {
  conversation_id: true,
  seq: true,
  external_id: true,
  role: true,
  ts: true,
  text: true,
};
const EXISTING_CONVERSATION: Record<keyof ExistingConversation, true> = {
  id: true,
  source: true,
  external_id: true,
  status: true,
  subject: true,
  metadata: true,
  agent_id: true,
  team_id: true,
};

const keys = (o: object) => Object.keys(o).sort();

describe("RowOf", () => {
  it("types a row by the table's SQL column names", () => {
    const row: RowOf<typeof messages, "conversation_id" | "role"> = {
      conversation_id: "c",
      role: "customer",
    };
    // @ts-expect-error: not a column of messages (a renamed column fails the same way)
    const missing: RowOf<typeof messages, "conversationId"> = {};
    // @ts-expect-error: the role enum has no such value
    const badRole: RowOf<typeof messages, "role"> = { role: "supervisor" };
    expect([row, missing, badRole]).toHaveLength(3);
  });
});

describeEachBackend("raw-SQL rows of ingest and analysis", ({ database }) => {
  let a: TestOrg;
  beforeAll(async () => {
    a = await buildOrg(database().db);
  });

  it("loads messages for analysis with exactly the declared columns", async () => {
    const rows = await loadMessagesForAnalysis(database().db, a.orgId, [a.conversationId]);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(keys(row)).toEqual(keys(MESSAGE_FOR_ANALYSIS));
    expect(rows[0]!.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("reads stored message keys and existing conversations with exactly the declared columns", async () => {
    const db = database().db;
    const stored = await findMessageKeys(db, a.orgId, [a.conversationId]);
    expect(stored.length).toBeGreaterThan(0);
    expect(keys(stored[0]!)).toEqual(keys(STORED_MESSAGE_KEY));

    const [conv] = await db
      .select({ source: conversations.source, externalId: conversations.externalId })
      .from(conversations)
      .where(eq(conversations.id, a.conversationId));
    const found = await findConversationsByExternalIds(db, a.orgId, [conv!]);
    expect(found.map((r) => r.id)).toEqual([a.conversationId]);
    expect(keys(found[0]!)).toEqual(keys(EXISTING_CONVERSATION));
  });

  it("finds conversations to analyse as org and conversation ids", async () => {
    const rows = await findConversationsToAnalyze(database().db, {
      orgId: a.orgId,
      version: "none",
      all: true,
      limit: 10,
    });
    expect(rows.map((r) => r.id).sort()).toEqual([a.conversationId, a.otherConversationId].sort());
    expect(keys(rows[0]!)).toEqual(["id", "org_id"]);
  });
});
