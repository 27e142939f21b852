import { sql } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { customers, followUps } from "../../db/schema/index.ts";
import { Queue } from "../../jobs/queue.ts";
import { smtpConfigFromUrl } from "../email/index.ts";
import { closeSmtpTransports } from "../email/smtp.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg, type TestOrg } from "../../../test/factories.ts";
import { startSmtpServer, type TestSmtpServer } from "../../../test/mail-servers.ts";
import { localHour } from "./budget.ts";
import { setDeliveryConfig } from "./delivery.ts";
import { escalateFollowUps } from "./follow-ups.service.ts";
import {
  deliverInvitations,
  listInvitations,
  sendSurveyManually,
} from "./invitation-delivery.service.ts";
import { decideInvitations } from "./invitations.service.ts";
import { openInvitation, recordResponse } from "./responses.service.ts";
import * as repo from "./surveys.repo.ts";
import * as invitationsRepo from "./invitations.repo.ts";
import { createSurvey, putSettings } from "./surveys.service.ts";

describeEachBackend(
  "survey invitations: quiet hours, chat prompts, manual sends, escalation",
  ({ database }) => {
    let org: TestOrg;
    let smtp: TestSmtpServer;
    let surveyId: string;
    // Yesterday 22:30 UTC: inside Paris's 21:00–08:00 quiet hours whatever the season, and recent
    // enough that links are still valid (tests may not depend on the date they run on).
    const today = new Date();
    const now = new Date(
      Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 1, 22, 30),
    );

    beforeAll(async () => {
      smtp = await startSmtpServer();
      setDeliveryConfig({
        smtp: smtpConfigFromUrl(`smtp://a%40b.test:pw@127.0.0.1:${smtp.port}`)!,
        publicUrl: "https://rapport.test",
      });
      const db = database().db;
      org = await buildOrg(db);
      surveyId = (
        await createSurvey(db, org.orgId, {
          name: "CSAT",
          type: "csat",
          trigger: { event: "conversation_resolved" },
        })
      ).id;
      await db.execute(
        sql`update surveys set created_at = '2026-01-01' where org_id = ${org.orgId}`,
      );
      await putSettings(db, org.orgId, {
        cooldownDays: 0,
        sampleRates: {},
        quietHours: { start: 21, end: 8 },
        defaultTimeZone: "Europe/Paris",
        followUpTeamId: null,
        followUpDueHours: 2,
      });
    });
    afterAll(async () => {
      closeSmtpTransports();
      await smtp.stop();
      setDeliveryConfig(undefined);
    });

    const conversation = async (email: string | null, channel: "email" | "chat" = "email") => {
      const db = database().db;
      const [c] = await db
        .insert(customers)
        .values({ orgId: org.orgId, name: "Ann", email })
        .returning();
      return buildConversation(db, org.orgId, {
        customerId: c!.id,
        teamId: org.teamId,
        agentId: org.agentId,
        channel,
      });
    };

    it("holds an invitation resolved in the customer's quiet hours until they end", async () => {
      const db = database().db;
      const id = await conversation("ann@example.test");
      await decideInvitations({ db, queue: new Queue(db) }, org.orgId, [id], { now });
      const [inv] = await listInvitations(db, org.orgId, id);
      expect(inv!.status).toBe("queued");
      expect(Date.parse(inv!.sendAt!)).toBeGreaterThan(now.getTime());
      expect(localHour(new Date(inv!.sendAt!), "Europe/Paris")).toBe(8);
      expect(await deliverInvitations(db, org.orgId, [inv!.id], undefined, now)).toBe(0);
      expect(
        await deliverInvitations(db, org.orgId, [inv!.id], undefined, new Date(inv!.sendAt!)),
      ).toBe(1);
      const mail = await simpleParser((await smtp.nextMail()).raw);
      expect(mail.to).toMatchObject({ text: "ann@example.test" });
    });

    it("offers a chat customer without email an in-chat prompt with one link per rating", async () => {
      const db = database().db;
      const id = await conversation(null, "chat");
      await decideInvitations({ db, queue: new Queue(db) }, org.orgId, [id], { now });
      const [inv] = await listInvitations(db, org.orgId, id);
      expect(inv!.status).toBe("queued");
      expect(inv!.chatPrompt!.options.map((o) => o.value)).toEqual([1, 2, 3, 4, 5]);
      expect(inv!.chatPrompt!.options[0]!.url).toBe(`${inv!.url}?score=1`);
    });

    it("re-requests by hand with a fresh link (the old one stops working), but never for an excluded conversation", async () => {
      const db = database().db;
      const queue = new Queue(db);
      const id = await conversation("bo@example.test");
      await decideInvitations({ db, queue }, org.orgId, [id], { now });
      const [before] = await listInvitations(db, org.orgId, id, "https://x.test");
      const contact = (await invitationsRepo.findConversationContact(db, org.orgId, id))!;
      await sendSurveyManually(
        { db, queue },
        org.orgId,
        contact,
        surveyId,
        new Date(now.getTime() + 60_000),
      );
      const [after] = await listInvitations(db, org.orgId, id, "https://x.test");
      expect(after!.id).toBe(before!.id);
      expect(after!.url).not.toBe(before!.url);
      const token = (u: string) => new URL(u).pathname.slice(3);
      await expect(openInvitation(db, token(before!.url!))).rejects.toMatchObject({
        code: "SURVEY_LINK_INVALID",
      });
      await expect(openInvitation(db, token(after!.url!))).resolves.toBeTruthy();
      await repo.setExclusion(db, org.orgId, id, true, null);
      await expect(
        sendSurveyManually({ db, queue }, org.orgId, contact, surveyId),
      ).rejects.toMatchObject({ code: "CONVERSATION_EXCLUDED" });
    });

    it("escalates a follow-up as it falls due, once, and emails its owner", async () => {
      const db = database().db;
      const id = await conversation("cy@example.test");
      await decideInvitations({ db, queue: new Queue(db) }, org.orgId, [id], { now });
      const [inv] = await listInvitations(db, org.orgId, id);
      const { followUpId } = await recordResponse(db, new URL(inv!.url!).pathname.slice(3), {
        score: 1,
      });
      expect(followUpId).not.toBeNull();
      const [row] = await queryRows<{ owner_user_id: string | null }>(
        db,
        sql`select owner_user_id from follow_ups where id = ${followUpId}`,
      );
      expect(row!.owner_user_id).toBe(org.users.leader.id);
      expect(await escalateFollowUps(db)).toBeGreaterThanOrEqual(1);
      expect(await escalateFollowUps(db)).toBe(0);
      const mail = await simpleParser((await smtp.nextMail()).raw);
      expect(mail.subject).toMatch(/^Follow-up due/);
      const [f] = await db
        .select()
        .from(followUps)
        .where(sql`id = ${followUpId}`);
      expect(f!.escalatedAt).not.toBeNull();
    });
  },
);
