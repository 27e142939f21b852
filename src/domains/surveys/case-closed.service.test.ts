import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { cases, customers } from "../../db/schema/index.ts";
import { Queue } from "../../jobs/queue.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg } from "../../../test/factories.ts";
import { openCase } from "../cases/index.ts";
import { inviteOnClosedCases } from "./case-closed.service.ts";
import { listInvitations } from "./invitation-delivery.service.ts";
import { createSurvey } from "./surveys.service.ts";

describeEachBackend("surveys when a complaint case closes", ({ database }) => {
  it("invites once per closed case of the chosen categories, never while it is open", async () => {
    const db = database().db;
    const queue = new Queue(db);
    const org = await buildOrg(db);
    await createSurvey(db, org.orgId, {
      name: "After your complaint",
      type: "csat",
      trigger: { event: "case_closed", categories: ["billing"] },
    });
    const opened = async (name: string, category: string) => {
      const [customer] = await db
        .insert(customers)
        .values({ orgId: org.orgId, name, email: `${name}@example.test` })
        .returning();
      const conversationId = await buildConversation(db, org.orgId, {
        customerId: customer!.id,
      });
      const row = await openCase(db, org.orgId, {
        source: "manual",
        title: `${name}'s complaint`,
        category,
        customerId: customer!.id,
        conversationId,
        openedAt: new Date(),
      });
      return { caseId: row!.id, conversationId };
    };
    const billing = await opened("bea", "billing");
    const delivery = await opened("dev", "delivery");

    // Open cases are not surveyed, whatever their category.
    expect(await inviteOnClosedCases({ db, queue })).toEqual({ invited: 0, suppressed: 0 });

    for (const c of [billing, delivery])
      await db
        .update(cases)
        .set({ status: "closed", closedAt: new Date() })
        .where(eq(cases.id, c.caseId));
    expect(await inviteOnClosedCases({ db, queue })).toEqual({ invited: 1, suppressed: 0 });
    expect(await listInvitations(db, org.orgId, billing.conversationId)).toMatchObject([
      { status: "queued" },
    ]);
    expect(await listInvitations(db, org.orgId, delivery.conversationId)).toEqual([]);
    // Decided once: running again invites nobody.
    expect(await inviteOnClosedCases({ db, queue })).toEqual({ invited: 0, suppressed: 0 });
  });
});
