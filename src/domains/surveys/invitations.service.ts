import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client.ts";
import type { Queue } from "../../jobs/queue.ts";
import { AppError } from "../../lib/errors.ts";
import type { Logger } from "../../logger.ts";
import { findCustomersWithOpenCases } from "../cases/index.ts";
import { sendEmail } from "../email/index.ts";
import { decideInvitation, emptyBudgetState, type BudgetSurvey } from "./budget.ts";
import {
  chatPrompt,
  deliveryConfig,
  invitationEmail,
  linkBase,
  surveyUrl,
  tokenFor,
} from "./delivery.ts";
import type { Invitation } from "./surveys.schemas.ts";
import * as repo from "./surveys.repo.ts";
import * as invitationsRepo from "./invitations.repo.ts";
import { budgetOf, getSettings } from "./surveys.service.ts";
import { hashSurveyToken } from "./tokens.ts";

export const DELIVER_JOB = "surveys.deliver";
const DAY_MS = 86_400_000;

function triggerMatches(survey: repo.SurveyRow, conv: Candidate): boolean {
  const t = survey.trigger;
  if (t.event !== "conversation_resolved") return false;
  if (t.channels && !t.channels.includes(conv.channel)) return false;
  if (t.teams && !(conv.teamId && t.teams.includes(conv.teamId))) return false;
  return true;
}

function timeZoneOf(metadata: Record<string, unknown>): string | null {
  const tz = metadata.timeZone ?? metadata.timezone ?? metadata.customerTimeZone;
  return typeof tz === "string" ? tz : null;
}

export interface DecideOptions {
  now?: Date;
  /** Customers with an open complaint case, none of whom is invited; default: read from cases. */
  openCaseCustomers?: Iterable<string>;
}

/**
 * Takes the invitation decision for every active "conversation resolved" survey and each of these
 * conversations that has none yet (so running it again changes nothing), under the
 * contact-pressure budget, records each decision with its reason, and queues delivery.
 */
export async function decideInvitations(
  deps: { db: Db; queue: Queue },
  orgId: string,
  conversationIds: readonly string[],
  opts: DecideOptions = {},
): Promise<{ invited: number; suppressed: number }> {
  // One decision run per organization at a time: two runs reading the same history could both
  // invite one customer. The lock is held for the transaction only.
  return deps.db.transaction(async (db) => {
    await repo.lockOrgDecisions(db, orgId);
    return decideLocked({ db, queue: deps.queue }, orgId, conversationIds, opts);
  });
}

async function decideLocked(
  deps: { db: Db; queue: Queue },
  orgId: string,
  conversationIds: readonly string[],
  opts: DecideOptions,
): Promise<{ invited: number; suppressed: number }> {
  const { db } = deps;
  const active = (await repo.listSurveys(db, orgId)).filter(
    (s) => s.active && s.trigger.event === "conversation_resolved",
  );
  if (active.length === 0) return { invited: 0, suppressed: 0 };
  // The surveys still to decide for a conversation. A survey applies to conversations resolved
  // (written) after it was created: creating one never surveys the history in the database.
  const pendingOf = (conv: Candidate) =>
    active.filter(
      (s) =>
        triggerMatches(s, conv) &&
        conv.updatedAt >= s.createdAt &&
        !conv.decidedSurveyIds.includes(s.id),
    );
  const surveyIds = active.map((s) => s.id);
  const direct = await invitationsRepo.findResolvedConversations(
    db,
    orgId,
    conversationIds,
    surveyIds,
  );
  // The same customer's other undecided resolutions are decided with these, oldest first, so
  // which one is invited and which one meets the cooldown does not depend on job order.
  // Customers whose conversations here are all decided already need nothing more.
  const since = new Date(Math.min(...active.map((s) => s.createdAt.getTime())));
  const customerIds = direct.flatMap((c) =>
    c.customerId && pendingOf(c).length > 0 ? [c.customerId] : [],
  );
  const others = await invitationsRepo.findResolvedOfCustomers(
    db,
    orgId,
    [...new Set(customerIds)],
    surveyIds,
    since,
  );
  const convs = [...new Map([...direct, ...others].map((c) => [c.id, c])).values()].sort(
    (a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || a.id.localeCompare(b.id),
  );
  const pairs = convs.flatMap((conv) => pendingOf(conv).map((survey) => ({ conv, survey })));
  return decidePairs(deps, orgId, pairs, opts);
}

export type Candidate = Awaited<
  ReturnType<typeof invitationsRepo.findResolvedConversations>
>[number];

/**
 * Decides (survey, conversation) pairs in order under the budget, stores each decision with its
 * reason, and queues delivery of the invitations. The caller holds the organization's lock.
 */
export async function decidePairs(
  deps: { db: Db; queue: Queue },
  orgId: string,
  pairs: readonly { conv: Candidate; survey: repo.SurveyRow; minIntervalDays?: number }[],
  opts: DecideOptions = {},
): Promise<{ invited: number; suppressed: number }> {
  const { db } = deps;
  const now = opts.now ?? new Date();
  if (pairs.length === 0) return { invited: 0, suppressed: 0 };
  const active = [...new Map(pairs.map((p) => [p.survey.id, p.survey])).values()];
  const settings = await getSettings(db, orgId);
  const customerIds = [
    ...new Set(pairs.flatMap((p) => (p.conv.customerId ? [p.conv.customerId] : []))),
  ];
  const horizon = pairs.reduce(
    (h, p) => Math.max(h, p.minIntervalDays ?? 0),
    Math.max(settings.cooldownDays, ...active.map((s) => s.rules.minIntervalDays)),
  );
  const state = emptyBudgetState(
    await invitationsRepo.findOpenFollowUpCustomers(db, orgId, customerIds),
    opts.openCaseCustomers ?? (await findCustomersWithOpenCases(db, orgId, customerIds)),
  );
  for (const h of await invitationsRepo.findInvitationHistory(
    db,
    orgId,
    customerIds,
    new Date(now.getTime() - horizon * DAY_MS),
  )) {
    const t = new Date(h.last).getTime();
    state.lastInvitedAt.set(
      h.customer_id,
      Math.max(t, state.lastInvitedAt.get(h.customer_id) ?? 0),
    );
    state.lastInvitedBySurvey.set(`${h.survey_id}:${h.customer_id}`, t);
  }

  const budget = budgetOf(settings);
  const rows: invitationsRepo.DecisionRow[] = [];
  for (const { conv, survey, minIntervalDays } of pairs) {
    const rule: BudgetSurvey = {
      id: survey.id,
      ...survey.rules,
      minIntervalDays: minIntervalDays ?? survey.rules.minIntervalDays,
    };
    const d = decideInvitation(
      {
        conversationId: conv.id,
        customerId: conv.customerId,
        channel: conv.channel,
        reachable: Boolean(conv.email) || conv.channel === "chat",
        excluded: conv.excluded,
        timeZone: timeZoneOf(conv.metadata),
      },
      rule,
      budget,
      state,
      now,
    );
    const id = randomUUID();
    const invite = d.outcome === "invite";
    const expiresAt = new Date(now.getTime() + survey.rules.linkValidDays * DAY_MS);
    rows.push({
      id,
      surveyId: survey.id,
      conversationId: conv.id,
      customerId: conv.customerId,
      channel: conv.channel,
      status: invite ? "queued" : "suppressed",
      reason: invite ? null : d.reason,
      tokenHash: invite ? hashSurveyToken(tokenFor(orgId, id, expiresAt)) : null,
      locale: survey.defaultLocale,
      sendAt: invite ? d.sendAt : null,
      expiresAt,
      at: now,
    });
  }
  const inserted = new Set(await invitationsRepo.insertDecisions(db, orgId, rows));
  const queued = rows.filter((i) => i.status === "queued" && inserted.has(i.id));
  await enqueueDelivery(
    deps.queue,
    orgId,
    queued.map((i) => ({ id: i.id, sendAt: i.sendAt! })),
    db,
  );
  return { invited: queued.length, suppressed: inserted.size - queued.length };
}

/** One delivery job per send time (now, or the end of a customer's quiet hours). */
async function enqueueDelivery(
  queue: Queue,
  orgId: string,
  items: { id: string; sendAt: Date }[],
  db?: Db,
) {
  const byTime = new Map<number, string[]>();
  for (const i of items) {
    const t = i.sendAt.getTime();
    const list = byTime.get(t);
    if (list) list.push(i.id);
    else byTime.set(t, [i.id]);
  }
  for (const [t, ids] of byTime)
    for (let k = 0; k < ids.length; k += 500)
      await queue.enqueue(
        DELIVER_JOB,
        { orgId, invitationIds: ids.slice(k, k + 500) },
        { orgId, runAt: new Date(t) },
        db,
      );
}

/**
 * Sends due invitations by email (one-click rating links). Without an address (chat) or without
 * SMTP the invitation stays queued: its in-chat prompt is served by the API for the chat platform.
 */
export async function deliverInvitations(
  db: Db,
  orgId: string,
  ids: readonly string[],
  logger?: Logger,
  now = new Date(),
): Promise<number> {
  const { smtp } = deliveryConfig();
  let sent = 0;
  for (const { invitation, survey, email } of await invitationsRepo.findDeliverable(
    db,
    orgId,
    ids,
    now,
  )) {
    if (!email || !smtp) continue;
    const url = surveyUrl(tokenFor(orgId, invitation.id, invitation.expiresAt));
    await sendEmail(smtp, { to: email, ...invitationEmail(survey, url, invitation.locale) });
    await invitationsRepo.markSent(db, orgId, invitation.id, new Date());
    sent++;
  }
  if (sent > 0) logger?.info({ orgId, sent }, "survey invitations sent");
  return sent;
}

/** Invitations of a conversation with their links (built under `base`, the caller's origin). */
export async function listInvitations(
  db: Db,
  orgId: string,
  conversationId: string,
  base?: string,
): Promise<Invitation[]> {
  const rows = await invitationsRepo.listInvitationsOf(db, orgId, conversationId);
  const surveys = new Map((await repo.listSurveys(db, orgId)).map((s) => [s.id, s]));
  return rows.map(({ invitation: i, surveyName, score, comment, responseId }) => {
    const suppressed = i.status === "suppressed";
    const url = suppressed
      ? undefined
      : surveyUrl(tokenFor(orgId, i.id, i.expiresAt), linkBase(base));
    const survey = surveys.get(i.surveyId);
    return {
      id: i.id,
      surveyId: i.surveyId,
      surveyName,
      conversationId: i.conversationId,
      channel: i.channel,
      status: i.status,
      ...(i.reason ? { reason: i.reason } : {}),
      ...(url ? { url } : {}),
      ...(url && survey && i.channel === "chat"
        ? { chatPrompt: chatPrompt(survey, url, i.locale) }
        : {}),
      sendAt: i.sendAt?.toISOString() ?? null,
      sentAt: i.sentAt?.toISOString() ?? null,
      expiresAt: i.expiresAt.toISOString(),
      createdAt: i.createdAt.toISOString(),
      response: responseId ? { score, comment } : null,
    };
  });
}

/**
 * An agent or leader sends a survey for a conversation by hand, or re-requests it: a fresh link
 * (the old one stops working), queued now. Exclusion still wins; the budget does not apply, since a
 * person decided, but the decision is recorded as "manual".
 */
export async function sendSurveyManually(
  deps: { db: Db; queue: Queue },
  orgId: string,
  conversation: { id: string; channel: string; customerId: string | null; email: string | null },
  surveyId: string,
  now = new Date(),
): Promise<void> {
  const { db } = deps;
  const survey = await repo.findSurvey(db, orgId, surveyId);
  if (!survey) throw new AppError("SURVEY_NOT_FOUND", { message: "No such survey" });
  if (await repo.isExcluded(db, orgId, conversation.id))
    throw new AppError("CONVERSATION_EXCLUDED", {
      message: "This conversation is excluded from surveys",
    });
  if (!conversation.customerId || (!conversation.email && conversation.channel !== "chat"))
    throw new AppError("CONFLICT", {
      message: "The customer has no email address to send a survey to",
    });
  const expiresAt = new Date(now.getTime() + survey.rules.linkValidDays * DAY_MS);
  const existing = (await invitationsRepo.listInvitationsOf(db, orgId, conversation.id)).find(
    (r) => r.invitation.surveyId === surveyId,
  );
  const id = existing?.invitation.id ?? randomUUID();
  const tokenHash = hashSurveyToken(tokenFor(orgId, id, expiresAt));
  if (existing) {
    await invitationsRepo.requeueInvitation(db, orgId, id, { tokenHash, expiresAt, sendAt: now });
    await invitationsRepo.insertDecision(db, {
      orgId,
      surveyId,
      conversationId: conversation.id,
      customerId: conversation.customerId,
      outcome: "invite",
      reason: "manual",
    });
  } else {
    await invitationsRepo.insertDecisions(db, orgId, [
      {
        id,
        surveyId,
        conversationId: conversation.id,
        customerId: conversation.customerId,
        channel: conversation.channel,
        status: "queued",
        reason: null,
        tokenHash,
        locale: survey.defaultLocale,
        sendAt: now,
        expiresAt,
        at: now,
      },
    ]);
  }
  await enqueueDelivery(deps.queue, orgId, [{ id, sendAt: now }]);
}
