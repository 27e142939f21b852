import { eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { queryRows, type Db } from "../../db/client.ts";
import { conversations } from "../../db/schema/index.ts";
import { describeEachBackend } from "../../../test/db.ts";
import {
  assignContactReason,
  buildConversation,
  buildOrg,
  type TestOrg,
} from "../../../test/factories.ts";
import { reasonOf, reasonOfJoined } from "./reason.ts";

describeEachBackend("the reason promises and personas read", ({ database }) => {
  let db: Db;
  let org: TestOrg;

  beforeAll(async () => {
    db = database().db;
    org = await buildOrg(db);
  });

  /** A conversation with this metadata and, when given, this contact reason. */
  async function conversation(
    metadata: Record<string, string>,
    reason?: { label: string; name?: string },
  ) {
    const id = await buildConversation(db, org.orgId);
    await db.update(conversations).set({ metadata }).where(eq(conversations.id, id));
    if (reason) await assignContactReason(db, org.orgId, [id], reason);
    return id;
  }

  const reasonFor = async (id: string) =>
    (
      await queryRows<{ reason: string }>(
        db,
        sql`select ${reasonOf("c")} as reason from conversations c where c.org_id = ${org.orgId} and c.id = ${id}`,
      )
    )[0]!.reason;

  it("prefers the source's intent, then the contact reason, then the category", async () => {
    const card = { label: "card / arrive", name: "Card delivery" };
    expect(await reasonFor(await conversation({ intent: "card_arrival" }, card))).toBe(
      "card_arrival",
    );
    expect(await reasonFor(await conversation({ category: "CARDS" }, card))).toBe("Card delivery");
    expect(await reasonFor(await conversation({}, { label: "top up / pending" }))).toBe(
      "top up / pending",
    );
    expect(await reasonFor(await conversation({ category: "CARDS" }))).toBe("CARDS");
    expect(await reasonFor(await conversation({ intent: "" }))).toBe("unclassified");
  });

  it("gives the same reason by joins as by subquery, for every conversation of the org", async () => {
    const joined = reasonOfJoined("c");
    const rows = await queryRows<{ id: string; sub: string; joined: string }>(
      db,
      sql`select c.id, ${reasonOf("c")} as sub, ${joined.expr} as joined
          from conversations c ${joined.joins} where c.org_id = ${org.orgId}`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(new Set(rows.map((r) => r.sub)).size).toBeGreaterThanOrEqual(4);
    for (const r of rows) expect(r.joined).toBe(r.sub);
  });
});
