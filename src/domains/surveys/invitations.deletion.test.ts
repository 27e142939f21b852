import { sql } from "drizzle-orm";
import { beforeEach, expect, it } from "vitest";
import { queryRows, type Db } from "../../db/client.ts";
import { customers } from "../../db/schema/index.ts";
import { Queue } from "../../jobs/queue.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg, type TestOrg } from "../../../test/factories.ts";
import { eraseCustomer } from "../customers/index.ts";
import { decideInvitations } from "./invitations.service.ts";
import { createSurvey, DEFAULT_SETTINGS, putSettings } from "./surveys.service.ts";

/**
 * Invitations reference only their conversation (migration 0013): the survey and customer
 * cascades the two dropped foreign keys gave are done by the organization's deletion and by
 * customer erasure. These tests hold them to it.
 */
describeEachBackend("deleting what survey invitations name", ({ database }) => {
  let org: TestOrg;

  const addCustomer = async (db: Db, name: string) => {
    const [c] = await db
      .insert(customers)
      .values({ orgId: org.orgId, name, email: `${name.toLowerCase()}@example.test` })
      .returning();
    return c!.id;
  };
  const invitationsOf = (db: Db, column: "customer_id" | "org_id", id: string) =>
    queryRows<{ status: string; conversation_id: string }>(
      db,
      sql`select status, conversation_id from survey_invitations
          where ${sql.identifier(column)} = ${id} order by status`,
    );

  beforeEach(async () => {
    const db = database().db;
    org = await buildOrg(db);
    await createSurvey(db, org.orgId, {
      name: "CSAT",
      type: "csat",
      trigger: { event: "conversation_resolved" },
    });
    await createSurvey(db, org.orgId, {
      name: "NPS",
      type: "nps",
      trigger: { event: "conversation_resolved" },
    });
    await db.execute(
      sql`update surveys set created_at = now() - interval '1 day' where org_id = ${org.orgId}`,
    );
    await putSettings(db, org.orgId, DEFAULT_SETTINGS);
  });

  it("erasing a customer deletes their invitations, suppressed ones too, even on a conversation now another customer's", async () => {
    const db = database().db;
    const ann = await addCustomer(db, "Ann");
    const bo = await addCustomer(db, "Bo");
    const first = await buildConversation(db, org.orgId, { customerId: ann, channel: "email" });
    const second = await buildConversation(db, org.orgId, { customerId: ann, channel: "email" });
    const bos = await buildConversation(db, org.orgId, { customerId: bo, channel: "email" });
    await decideInvitations({ db, queue: new Queue(db) }, org.orgId, [first, second, bos]);
    const before = await invitationsOf(db, "customer_id", ann);
    // Two surveys × two conversations: one invitation, three suppressed by the cooldown.
    expect(before.map((r) => r.status)).toEqual([
      "queued",
      "suppressed",
      "suppressed",
      "suppressed",
    ]);
    // The second conversation moves to Bo (a merge); its invitations still name Ann.
    await db.execute(sql`update conversations set customer_id = ${bo} where id = ${second}`);

    await eraseCustomer(db, org.orgId, { kind: "cli" }, ann);

    expect(await invitationsOf(db, "customer_id", ann)).toEqual([]);
    const left = await invitationsOf(db, "customer_id", bo);
    expect(left.map((r) => r.conversation_id)).toEqual([bos, bos]);
  });

  it("deleting the organization deletes its surveys' invitations and no other organization's", async () => {
    const db = database().db;
    const other = org;
    const otherConversation = await buildConversation(db, other.orgId, {
      customerId: await addCustomer(db, "Cy"),
      channel: "email",
    });
    await decideInvitations({ db, queue: new Queue(db) }, other.orgId, [otherConversation]);
    // A second organization, with the same setup, is the one deleted.
    org = await buildOrg(db);
    await createSurvey(db, org.orgId, {
      name: "CSAT",
      type: "csat",
      trigger: { event: "conversation_resolved" },
    });
    await db.execute(
      sql`update surveys set created_at = now() - interval '1 day' where org_id = ${org.orgId}`,
    );
    const gone = await buildConversation(db, org.orgId, {
      customerId: await addCustomer(db, "Di"),
      channel: "email",
    });
    await decideInvitations({ db, queue: new Queue(db) }, org.orgId, [gone]);
    expect(await invitationsOf(db, "org_id", org.orgId)).toHaveLength(1);

    await db.execute(sql`delete from organizations where id = ${org.orgId}`);

    expect(await invitationsOf(db, "org_id", org.orgId)).toEqual([]);
    expect(await invitationsOf(db, "org_id", other.orgId)).toHaveLength(2);
  });
});
