import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg } from "../../../test/factories.ts";
import { contactReasons, conversationReasons, customers, teams } from "../../db/schema/index.ts";
import { Queue } from "../../jobs/queue.ts";
import { tokenFor } from "./delivery.ts";
import { decideInvitations } from "./invitations.service.ts";
import * as invitationsRepo from "./invitations.repo.ts";
import { overviewReport } from "./reports.service.ts";
import { recordResponse } from "./responses.service.ts";
import { createSurvey } from "./surveys.service.ts";

describeEachBackend("overviewReport: drivers and response rates", ({ database }) => {
  it("shows which topics and signals separate low answers from high ones, and rates by team and topic", async () => {
    const db = database().db;
    const org = await buildOrg(db);
    const { orgId } = org;
    await createSurvey(db, orgId, {
      name: "CSAT",
      type: "csat",
      trigger: { event: "conversation_resolved" },
    });
    await new Promise((r) => setTimeout(r, 5));
    const [refunds, passwords, oldRefunds] = await db
      .insert(contactReasons)
      .values([
        { orgId, label: "refund · late", name: "Refund delays" },
        { orgId, label: "password · reset" },
        { orgId, label: "refund · old" },
      ])
      .returning();
    // A reason merged into another is counted under the one it was merged into.
    await db
      .update(contactReasons)
      .set({ mergedIntoId: refunds!.id })
      .where(eq(contactReasons.id, oldRefunds!.id));

    /** A resolved conversation of a new customer on `teamId`, its topic, and its invitation link. */
    const answered = async (teamId: string, reasonId: string | null) => {
      const [customer] = await db
        .insert(customers)
        .values({ orgId, name: "C", email: `c${Math.random()}@example.test` })
        .returning();
      const id = await buildConversation(db, orgId, { customerId: customer!.id, teamId });
      if (reasonId)
        await db
          .insert(conversationReasons)
          .values({ orgId, conversationId: id, reasonId, startedAt: new Date() });
      await decideInvitations({ db, queue: new Queue(db) }, orgId, [id]);
      const [row] = await invitationsRepo.listInvitationsOf(db, orgId, id);
      return tokenFor(orgId, row!.invitation.id, row!.invitation.expiresAt);
    };
    const angry = "This is unacceptable, I want to speak to a manager right now.";
    for (const reason of [refunds!.id, refunds!.id, oldRefunds!.id])
      await recordResponse(db, await answered(org.teamId, reason), { score: 1, comment: angry });
    for (let i = 0; i < 3; i++)
      await recordResponse(db, await answered(org.otherTeamId, passwords!.id), {
        score: 5,
        comment: "Thank you so much, that was quick and helpful.",
      });
    // A passive answer separates nothing; a conversation without a topic still counts in rates.
    await recordResponse(db, await answered(org.otherTeamId, refunds!.id), { score: 3 });
    await answered(org.otherTeamId, null);

    const report = await overviewReport(db, orgId);
    const refundRow = report.topicDrivers.find((t) => t.reasonId === refunds!.id)!;
    expect(refundRow).toMatchObject({
      topic: "Refund delays",
      lowShare: 1,
      highShare: 0,
      lowCount: 3,
      highCount: 0,
    });
    expect(report.topicDrivers.find((t) => t.reasonId === passwords!.id)).toMatchObject({
      topic: "password · reset",
      lowShare: 0,
      highShare: 1,
    });
    expect(report.topicDrivers.map((t) => t.reasonId)).not.toContain(oldRefunds!.id);
    const top = report.drivers[0]!;
    expect(Math.abs((top.lowShare ?? 0) - (top.highShare ?? 0))).toBeGreaterThan(0.5);

    const teamNames = new Map(
      (await db.select().from(teams)).map((t) => [t.id, t.name] as [string, string]),
    );
    expect(report.responseRate.byTeam).toEqual(
      expect.arrayContaining([
        { team: teamNames.get(org.teamId)!, invited: 3, responded: 3, rate: 1 },
        { team: teamNames.get(org.otherTeamId)!, invited: 5, responded: 4, rate: 0.8 },
      ]),
    );
    expect(report.responseRate.byReason).toEqual(
      expect.arrayContaining([
        { reason: "Refund delays", invited: 4, responded: 4, rate: 1 },
        { reason: null, invited: 1, responded: 0, rate: 0 },
      ]),
    );
  });
});
