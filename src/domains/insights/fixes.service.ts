/**
 * The fix registry and each fix's measured impact (docs/insights.md): targeted contacts per 1,000
 * conversations before and after the ship date with a rate ratio and its 95 % interval, repeat
 * contacts, complaints and predicted and surveyed satisfaction among the targeted conversations,
 * and a difference in differences against the untargeted conversations over the same weeks.
 */
import type { Db } from "../../db/client.ts";
import type { Queue } from "../../jobs/queue.ts";
import { AppError } from "../../lib/errors.ts";
import * as fixConversations from "./fix-conversations.repo.ts";
import * as repo from "./fixes.repo.ts";
import type { FixRow } from "./fixes.repo.ts";
import {
  difference,
  differenceInDifferences,
  mean,
  proportion,
  riskRatio,
  verdictOf,
  type Estimate,
} from "./impact-stats.ts";
import * as reasons from "./reasons.repo.ts";
import { survivorOf } from "./reasons.service.ts";

export const DEFAULT_IMPACT_DAYS = 28;

export interface CreateFixInput {
  title: string;
  description?: string | undefined;
  shippedAt: string;
  target: repo.FixTarget;
}

/** The job that fills a fix's `fix_conversations` (named here so the service can enqueue it). */
export const FILL_FIX_JOB = "insights.fill-fix-conversations";

export async function createFix(
  db: Db,
  queue: Queue,
  orgId: string,
  userId: string | null,
  input: CreateFixInput,
) {
  const t = input.target;
  await checkTarget(db, orgId, t);
  return db.transaction(async (tx) => {
    const fix = await repo.insertFix(tx, {
      orgId,
      title: input.title,
      description: input.description ?? null,
      shippedAt: new Date(input.shippedAt),
      target: t,
      createdByUserId: userId,
    });
    // Filling can take seconds for a common word, so a job does it once this commits; until then
    // the impact matches the search live.
    if (t.search) await queue.enqueue(FILL_FIX_JOB, { orgId, fixId: fix.id }, { orgId }, tx);
    return fix;
  });
}

async function checkTarget(db: Db, orgId: string, t: repo.FixTarget): Promise<void> {
  if (!t.search && !t.reasonId && !t.rootCauseCode) {
    throw new AppError("VALIDATION_FAILED", {
      message: "target needs search, reasonId or rootCauseCode",
    });
  }
  if (t.reasonId && !(await reasons.findReason(db, orgId, t.reasonId))) {
    throw new AppError("VALIDATION_FAILED", {
      message: "target.reasonId is not a contact reason of this organization",
    });
  }
}

export interface UpdateFixInput {
  title?: string | undefined;
  description?: string | null | undefined;
  shippedAt?: string | undefined;
  target?: repo.FixTarget | undefined;
}

/**
 * Corrects a fix. A new target forgets the matched conversations (the impact matches live again)
 * and queues the fill for it, in the same transaction.
 */
export async function updateFix(
  db: Db,
  queue: Queue,
  orgId: string,
  id: string,
  input: UpdateFixInput,
) {
  const current = await getFix(db, orgId, id);
  if (input.target) await checkTarget(db, orgId, input.target);
  const retarget =
    input.target !== undefined && JSON.stringify(input.target) !== JSON.stringify(current.target);
  return db.transaction(async (tx) => {
    const fix = await repo.updateFix(tx, orgId, id, {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.shippedAt !== undefined ? { shippedAt: new Date(input.shippedAt) } : {}),
      ...(retarget ? { target: input.target, searchFilledFor: null } : {}),
    });
    if (!fix) throw new AppError("NOT_FOUND", { message: "No such fix" });
    if (retarget && (fix.target.search || current.target.search)) {
      await queue.enqueue(FILL_FIX_JOB, { orgId, fixId: id }, { orgId }, tx);
    }
    return fix;
  });
}

/** Deletes a fix and its matched conversations; an idea that pointed at it is unlinked. */
export async function deleteFix(db: Db, orgId: string, id: string): Promise<void> {
  if (!(await repo.deleteFix(db, orgId, id))) {
    throw new AppError("NOT_FOUND", { message: "No such fix" });
  }
}

export async function getFix(db: Db, orgId: string, id: string) {
  const fix = await repo.findFix(db, orgId, id);
  if (!fix) throw new AppError("NOT_FOUND", { message: "No such fix" });
  return fix;
}

export const listFixes = (db: Db, orgId: string) => repo.listFixes(db, orgId, 200);

/** A fix with the contact reason it targets, as it is named now (merges followed). */
export type DescribedFix = FixRow & { targetReason: { id: string; name: string } | null };

/** Names the contact reason each fix targets, following merges to the surviving reason. */
export async function describeFixes(
  db: Db,
  orgId: string,
  rows: FixRow[],
): Promise<DescribedFix[]> {
  const all = rows.some((f) => f.target.reasonId) ? await reasons.listReasonRows(db, orgId) : [];
  const byId = new Map(all.map((r) => [r.id, r]));
  const survivor = survivorOf(all);
  return rows.map((f) => {
    const r = f.target.reasonId ? byId.get(survivor(f.target.reasonId)) : undefined;
    return { ...f, targetReason: r ? { id: r.id, name: r.name ?? r.label } : null };
  });
}

export const describeFix = async (db: Db, orgId: string, fix: FixRow) =>
  (await describeFixes(db, orgId, [fix]))[0]!;

/** Keeps the fixes' matched conversations current as conversations arrive or change. */
export const matchFixSearches = (db: Db, orgId: string, conversationIds: string[]) =>
  fixConversations.matchFixSearches(db, orgId, conversationIds);

export const fillFixConversations = (db: Db, orgId: string, fixId: string) =>
  fixConversations.fillFixConversations(db, orgId, fixId);

/** Fills the fixes not filled for their current saved search (an edited target, an old fix). */
export async function fillUnfilledFixes(db: Db, orgId: string): Promise<number> {
  const ids = await fixConversations.findUnfilledFixes(db, orgId);
  for (const id of ids) await fixConversations.fillFixConversations(db, orgId, id);
  return ids.length;
}

function before(e: Estimate, a: Estimate) {
  return { before: e, after: a, difference: difference(e, a) };
}

const NO_FACTS = {
  total: 0,
  targeted: 0,
  repeat: 0,
  complaint: 0,
  sat_n: 0,
  sat_sum: 0,
  sat_sq: 0,
  survey_n: 0,
  survey_sum: 0,
  survey_sq: 0,
};
type Facts = typeof NO_FACTS;

function sumFacts(cells: Facts[]): Facts {
  const out = { ...NO_FACTS };
  for (const c of cells) for (const k of Object.keys(out) as (keyof Facts)[]) out[k] += c[k];
  return out;
}

/** The window's weeks that have conversations, for the impact chart. */
function weeklyRates(cells: repo.ImpactCell[], start: number, shippedAt: Date) {
  const weeks = [...new Set(cells.map((c) => c.week))];
  return weeks.map((week) => {
    const { total, targeted } = sumFacts(cells.filter((c) => c.week === week));
    const weekStart = start + week * 7 * 86_400_000;
    return {
      weekStart: new Date(weekStart).toISOString().slice(0, 10),
      ratePer1000: total > 0 ? (1000 * targeted) / total : 0,
      conversations: targeted,
      after: weekStart >= shippedAt.getTime(),
    };
  });
}

/** The fix's impact over `days` days either side of its ship date. */
export async function fixImpact(db: Db, orgId: string, id: string, days = DEFAULT_IMPACT_DAYS) {
  const fix = await describeFix(db, orgId, await getFix(db, orgId, id));
  // A targeted reason merged since is measured where its conversations went.
  const survivor = fix.targetReason?.id;
  const measured = survivor ? { ...fix, target: { ...fix.target, reasonId: survivor } } : fix;
  const cells = await repo.findImpactCells(db, measured, days);
  const b = sumFacts(cells.filter((c) => c.period === "before"));
  const a = sumFacts(cells.filter((c) => c.period === "after"));
  const rate = riskRatio(a.targeted, a.total, b.targeted, b.total);
  const did = differenceInDifferences(
    b.targeted,
    a.targeted,
    b.total - b.targeted,
    a.total - a.targeted,
  );
  const per1000 = (x: number, n: number) => (n > 0 ? (1000 * x) / n : null);
  const start = fix.shippedAt.getTime() - days * 86_400_000;
  return {
    fixId: fix.id,
    days,
    shippedAt: fix.shippedAt.toISOString(),
    before: {
      ratePer1000: per1000(b.targeted, b.total),
      conversations: b.targeted,
      totalConversations: b.total,
    },
    after: {
      ratePer1000: per1000(a.targeted, a.total),
      conversations: a.targeted,
      totalConversations: a.total,
    },
    rateRatio: rate.ratio,
    ci95: rate.ci95,
    repeatContacts: before(proportion(b.repeat, b.targeted), proportion(a.repeat, a.targeted)),
    complaintRate: before(proportion(b.complaint, b.targeted), proportion(a.complaint, a.targeted)),
    predictedSatisfaction: before(
      mean(b.sat_sum, b.sat_sq, b.sat_n),
      mean(a.sat_sum, a.sat_sq, a.sat_n),
    ),
    surveySatisfaction: before(
      mean(b.survey_sum, b.survey_sq, b.survey_n),
      mean(a.survey_sum, a.survey_sq, a.survey_n),
    ),
    differenceInDifferences: { ratio: did.ratio, ci95: did.ci95 },
    verdict: verdictOf(rate, did),
    weeks: weeklyRates(cells, start, fix.shippedAt),
  };
}
export type FixImpact = Awaited<ReturnType<typeof fixImpact>>;
