import { expect, it } from "vitest";
import { customers } from "../../db/schema/index.ts";
import { Queue } from "../../jobs/queue.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg } from "../../../test/factories.ts";
import { listInvitations } from "./invitation-delivery.service.ts";
import { runScheduledSurveys } from "./schedule.service.ts";
import { createSurvey } from "./surveys.service.ts";

describeEachBackend("relationship surveys on a schedule", ({ database }) => {
  it("invites each reachable customer once per period, on their latest conversation, under the budget", async () => {
    const db = database().db;
    const queue = new Queue(db);
    const org = await buildOrg(db);
    const [reachable] = await db
      .insert(customers)
      .values({ orgId: org.orgId, name: "Rae", email: "rae@example.test" })
      .returning();
    const old = await buildConversation(db, org.orgId, {
      customerId: reachable!.id,
      startedAt: new Date(Date.now() - 5 * 86_400_000),
    });
    const latest = await buildConversation(db, org.orgId, { customerId: reachable!.id });
    await createSurvey(db, org.orgId, {
      name: "Relationship NPS",
      type: "nps",
      trigger: { event: "schedule", everyDays: 90 },
    });
    // The factory's customer has no email: not a candidate.
    expect(await runScheduledSurveys({ db, queue })).toEqual({ invited: 1, suppressed: 0 });
    expect(await listInvitations(db, org.orgId, old)).toEqual([]);
    expect((await listInvitations(db, org.orgId, latest))[0]).toMatchObject({ status: "queued" });
    // Within the period nothing more happens; after it, the budget decides again.
    expect(await runScheduledSurveys({ db, queue })).toEqual({ invited: 0, suppressed: 0 });
  });
});
