import { randomUUID } from "node:crypto";
import { analyzeConversation, analyzeMessage, type Role } from "../../analysis/index.ts";
import type { Db } from "../../db/client.ts";
import { decideInvitation, emptyBudgetState } from "./budget.ts";
import * as demoRepo from "./demo.repo.ts";
import { tokenFor } from "./delivery.ts";
import { findTeamLead } from "./follow-ups.repo.ts";
import { createSurvey, DEFAULT_SETTINGS, budgetOf } from "./surveys.service.ts";
import { hashSurveyToken } from "./tokens.ts";
import { seedPulseDemo } from "./pulse-demo.ts";

const DAY_MS = 86_400_000;
/** Intercom reports that about 8 % of conversations get a CSAT answer; a third of invitations here. */
const RESPONSE_RATE = 0.33;

const COMMENTS: Record<number, string[]> = {
  1: [
    "Nobody read what I wrote. Three emails for the same answer.",
    "Still waiting for my refund.",
  ],
  2: ["It took far too long to get a straight answer.", "Polite, but my problem is not solved."],
  3: ["Fine in the end, but I had to explain it twice."],
  4: ["Quick and friendly, thanks."],
  5: ["Brilliant help, sorted in minutes!", "Thank you, really kind and clear."],
};

/** Seeded PRNG (mulberry32): the same demo every time. */
function rng(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The demo organization's survey history: a CSAT survey on resolution, every resolved demo
 * conversation decided by the real budget in time order (so cooldown suppressions appear in the
 * report), answers from a third of those invited that follow the engine's own reading of the
 * conversation with noise (so predicted-vs-actual has something honest to show), and follow-ups
 * for the low ones, all closed but the last few.
 */
export async function seedSurveyDemo(db: Db, orgId: string, opts: { now: Date; seed: number }) {
  const random = rng(opts.seed);
  const survey = await createSurvey(db, orgId, {
    name: "CSAT after resolution",
    type: "csat",
    trigger: { event: "conversation_resolved" },
  });
  const finished = await demoRepo.findFinishedConversations(db, orgId);
  const state = emptyBudgetState();
  const budget = budgetOf(DEFAULT_SETTINGS);
  const rows: Parameters<typeof demoRepo.insertSurveyHistory>[1] = {
    invitations: [],
    responses: [],
    followUps: [],
  };
  const answered: { conv: (typeof finished)[number]; invitationId: string }[] = [];
  for (const conv of finished) {
    const d = decideInvitation(
      {
        conversationId: conv.id,
        customerId: conv.customerId,
        channel: conv.channel,
        reachable: true,
        excluded: false,
      },
      { id: survey.id, ...survey.rules },
      budget,
      state,
      conv.at,
    );
    const id = randomUUID();
    const invite = d.outcome === "invite";
    const expiresAt = new Date(conv.at.getTime() + survey.rules.linkValidDays * DAY_MS);
    rows.invitations.push({
      orgId,
      id,
      surveyId: survey.id,
      conversationId: conv.id,
      customerId: conv.customerId,
      channel: conv.channel,
      status: invite ? "sent" : "suppressed",
      reason: invite ? null : d.reason,
      tokenHash: invite ? hashSurveyToken(tokenFor(orgId, id, expiresAt)) : null,
      sendAt: invite ? conv.at : null,
      sentAt: invite ? conv.at : null,
      expiresAt,
      createdAt: conv.at,
      updatedAt: conv.at,
    });
    if (invite && random() < RESPONSE_RATE) answered.push({ conv, invitationId: id });
  }
  await addResponses(db, orgId, survey.id, answered, rows, random, opts.now);
  await demoRepo.insertSurveyHistory(db, rows);
  await seedPulseDemo(db, orgId, opts.now);
  return {
    surveyId: survey.id,
    invitations: rows.invitations.length,
    responses: rows.responses.length,
  };
}

/** Follow-ups left open at the end of the demo's history. */
const OPEN_NEWEST = 3;

async function addResponses(
  db: Db,
  orgId: string,
  surveyId: string,
  answered: {
    conv: Awaited<ReturnType<typeof demoRepo.findFinishedConversations>>[number];
    invitationId: string;
  }[],
  rows: Parameters<typeof demoRepo.insertSurveyHistory>[1],
  random: () => number,
  now: Date,
) {
  const texts = new Map<string, { role: Role; text: string }[]>();
  for (const m of await demoRepo.findMessagesOf(
    db,
    orgId,
    answered.map((a) => a.conv.id),
  )) {
    const list = texts.get(m.conversationId) ?? [];
    list.push({ role: m.role as Role, text: m.text });
    texts.set(m.conversationId, list);
  }
  const leads = new Map<string, string | null>();
  answered.forEach(({ conv, invitationId }) => {
    const predicted = analyzeConversation(texts.get(conv.id) ?? []).satisfaction.predicted;
    const noise = (random() + random() + random() - 1.5) * 1.4;
    const score = Math.min(5, Math.max(1, Math.round(predicted + noise)));
    const pool = COMMENTS[score]!;
    const comment = random() < 0.5 ? pool[Math.floor(random() * pool.length)]! : null;
    const read = comment ? analyzeMessage({ text: comment, role: "customer" }) : null;
    const at = new Date(conv.at.getTime() + (1 + random() * 47) * 3_600_000);
    const responseId = randomUUID();
    rows.responses.push({
      orgId,
      id: responseId,
      invitationId,
      surveyId,
      conversationId: conv.id,
      customerId: conv.customerId,
      agentId: conv.agentId,
      teamId: conv.teamId,
      channel: conv.channel,
      score,
      comment,
      answers: { score, ...(comment ? { comment } : {}) },
      analysis: read
        ? {
            sentiment: { score: read.sentiment.score, label: read.sentiment.label },
            signals: read.signals.map((s) => ({
              name: s.name,
              score: s.score,
              evidence: s.evidence,
            })),
          }
        : null,
      sentimentScore: read?.sentiment.score ?? null,
      createdAt: at,
      updatedAt: at,
    });
    if (score > 2) return;
    const recent = now.getTime() - at.getTime() < 5 * DAY_MS;
    const closedAt = new Date(at.getTime() + (2 + random() * 40) * 3_600_000);
    rows.followUps.push({
      orgId,
      conversationId: conv.id,
      responseId,
      customerId: conv.customerId,
      teamId: conv.teamId,
      ownerUserId: conv.teamId ? (leads.get(conv.teamId) ?? null) : null,
      dueAt: new Date(at.getTime() + 48 * 3_600_000),
      status: recent ? "open" : "closed",
      ...(recent
        ? {}
        : {
            action: random() < 0.5 ? "called_back" : "explained",
            outcome: "Apologised, explained the delay and confirmed the fix.",
            closedAt,
            notifyCustomer: true,
            customerNotifiedAt: closedAt,
          }),
      createdAt: at,
      updatedAt: recent ? at : closedAt,
    });
  });
  // The newest few stay open whatever the clock says, so the follow-up queue always has work; not
  // every one, so a small demo still shows a closed follow-up with the customer told.
  const keepOpen = Math.min(OPEN_NEWEST, rows.followUps.length - 1);
  rows.followUps.forEach((f, k) => {
    if (k < rows.followUps.length - keepOpen || f.status === "open") return;
    const { conversationId, responseId, customerId, teamId, dueAt, createdAt } = f;
    rows.followUps[k] = {
      orgId,
      conversationId,
      responseId,
      customerId,
      teamId,
      dueAt,
      createdAt,
      status: "open",
      updatedAt: createdAt,
    };
  });
  for (const f of rows.followUps)
    if (f.teamId && !leads.has(f.teamId))
      leads.set(f.teamId, await findTeamLead(db, orgId, f.teamId));
  for (const f of rows.followUps) f.ownerUserId = f.teamId ? (leads.get(f.teamId) ?? null) : null;
}
