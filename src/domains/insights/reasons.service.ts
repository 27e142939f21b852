/**
 * Contact reasons: re-clustering that keeps leaders' edits, incremental assignment of new
 * conversations, and the leaders' edits themselves (rename, pin, owner, merge, split).
 */
import { clusterTopics } from "../../analysis/topics/index.ts";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import { loadWordVectors } from "../../lib/word-vectors.ts";
import { blendParts, createReasonAssigner, topicPart, type ReasonPart } from "./reason-model.ts";
import * as repo from "./reasons.repo.ts";

/** Conversations a re-clustering reads (newest first); the model is fitted on a sample of them. */
export const RECLUSTER_LIMIT = 1_000_000;
/** Share of a topic's conversations that must sit in an old reason for the topic to inherit it. */
const INHERIT_OVERLAP = 0.3;

function defaultReasonCount(n: number): number {
  return Math.max(2, Math.min(30, Math.round(Math.sqrt(n / 4))));
}

/** Follows merges to the reason that survives. */
export function survivorOf(rows: repo.ReasonRow[]): (id: string) => string {
  const into = new Map(rows.map((r) => [r.id, r.mergedIntoId]));
  return (id) => {
    let cur = id;
    for (let hops = 0; hops < 20; hops++) {
      const next = into.get(cur);
      if (!next) return cur;
      cur = next;
    }
    return cur;
  };
}

/**
 * Fits the reasons again from the org's conversations. Each new topic inherits the old reason
 * most of its conversations had (with its name, pin and owner; merges are followed), so leaders'
 * edits survive; pinned reasons stay even when no topic resembles them; other old reasons that no
 * topic inherits are removed. Every conversation not set by a person is then reassigned.
 */
export async function reclusterReasons(db: Db, orgId: string, opts: { k?: number } = {}) {
  const texts = await repo.findConversationTexts(db, orgId, { limit: RECLUSTER_LIMIT });
  if (texts.length < 2) return { reasons: 0, conversations: 0 };
  const fit = clusterTopics(
    texts.map((t) => t.text),
    {
      k: opts.k ?? defaultReasonCount(texts.length),
      fitSample: 20_000,
      wordVectors: loadWordVectors(),
    },
  );
  const old = await repo.listReasonRows(db, orgId);
  const survivor = survivorOf(old);
  const previous = new Map(
    (await repo.findAssignments(db, orgId)).map((a) => [a.conversationId, survivor(a.reasonId)]),
  );
  const inherited = new Map<number, string>();
  fit.topics.forEach((topic, j) => {
    const votes = new Map<string, number>();
    texts.forEach((t, i) => {
      const was = previous.get(t.conversationId);
      if (fit.assignments[i] === j && was) votes.set(was, (votes.get(was) ?? 0) + 1);
    });
    const [best] = [...votes].sort((a, b) => b[1] - a[1]);
    if (best && best[1] >= INHERIT_OVERLAP * Math.max(1, topic.size)) inherited.set(j, best[0]);
  });

  const idOfTopic: string[] = [];
  const partsById = new Map<string, ReasonPart[]>();
  for (const [j, topic] of fit.topics.entries()) {
    const part = topicPart(fit.model, j);
    const oldId = inherited.get(j);
    const id = oldId
      ? oldId
      : (await repo.insertReason(db, { orgId, label: topic.label, terms: topic.terms, ...part }))
          .id;
    idOfTopic.push(id);
    partsById.set(id, [...(partsById.get(id) ?? []), part]);
  }
  for (const [id, parts] of partsById) {
    const topic = fit.topics[idOfTopic.indexOf(id)]!;
    const { weights, vector = null } = blendParts(parts);
    await repo.updateReason(db, orgId, id, {
      label: topic.label,
      terms: topic.terms,
      weights,
      vector,
    });
  }
  const keep = new Set([...partsById.keys(), ...old.filter((r) => r.pinned).map((r) => r.id)]);
  const merged = old.filter((r) => r.mergedIntoId && keep.has(survivor(r.id)));
  await repo.deleteReasons(
    db,
    orgId,
    old.filter((r) => !keep.has(r.id) && !merged.includes(r)).map((r) => r.id),
  );
  const space = fit.model.vectors;
  await repo.saveModel(db, orgId, {
    idf: Object.fromEntries(fit.model.terms.map((t, i) => [t, fit.model.idf[i]!])),
    vectorSpace: space ? { mean: space.mean, component: space.component } : null,
    conversations: texts.length,
  });

  const pinnedIds = new Set(old.filter((r) => r.pinned).map((r) => r.id));
  const assign = await loadAssigner(db, orgId);
  const rows: repo.Assignment[] = [];
  texts.forEach((t, i) => {
    const was = previous.get(t.conversationId);
    if (was && pinnedIds.has(was)) return;
    const reasonId = (assign && assign(t.text)) ?? idOfTopic[fit.assignments[i]!]!;
    rows.push({ conversationId: t.conversationId, reasonId, startedAt: t.startedAt });
  });
  await repo.upsertAssignments(db, orgId, rows);
  return { reasons: keep.size, conversations: texts.length };
}

/** The org's assigner, or undefined before its first clustering. */
export async function loadAssigner(db: Db, orgId: string) {
  const model = await repo.findModel(db, orgId);
  if (!model) return undefined;
  const reasons = await repo.listActiveReasons(db, orgId);
  if (reasons.length === 0) return undefined;
  return createReasonAssigner(
    model.idf,
    reasons.map((r) => ({ id: r.id, weights: r.weights, vector: r.vector })),
    model.vectorSpace ? { words: loadWordVectors(), space: model.vectorSpace } : undefined,
  );
}

/**
 * Gives conversations their reason as they arrive (the `conversations.changed` listener).
 * Idempotent; a person's assignment is kept. Conversations with no known term and no word with a
 * vector keep none.
 */
export async function assignReasons(
  db: Db,
  orgId: string,
  conversationIds: string[],
): Promise<number> {
  const assign = await loadAssigner(db, orgId);
  if (!assign) return 0;
  const texts = await repo.findConversationTexts(db, orgId, {
    limit: conversationIds.length,
    ids: conversationIds,
  });
  const rows = texts.flatMap((t) => {
    const reasonId = assign(t.text);
    return reasonId ? [{ conversationId: t.conversationId, reasonId, startedAt: t.startedAt }] : [];
  });
  await repo.upsertAssignments(db, orgId, rows);
  return rows.length;
}

/**
 * A leader's correction of one conversation's reason: `reasonId` is kept through new assignments,
 * re-clustering and merges (a merge moves it with its reason); null hands the conversation back to
 * the model, which assigns it at once (or leaves it without a reason when none fits).
 */
export async function setConversationReason(
  db: Db,
  orgId: string,
  conversationId: string,
  reasonId: string | null,
): Promise<void> {
  const notFound = () =>
    new AppError("CONVERSATION_NOT_FOUND", { message: "No such conversation" });
  if (reasonId === null) {
    if (!(await repo.clearAssignment(db, orgId, conversationId))) throw notFound();
    await assignReasons(db, orgId, [conversationId]);
    return;
  }
  await requireReason(db, orgId, reasonId);
  if (!(await repo.setManualAssignment(db, orgId, conversationId, reasonId))) throw notFound();
}

async function requireReason(db: Db, orgId: string, id: string) {
  const r = await repo.findReason(db, orgId, id);
  if (!r || r.mergedIntoId) throw new AppError("NOT_FOUND", { message: "No such contact reason" });
  return r;
}

/** Rename, pin or unpin, or set the owner who hears about spikes. */
export async function updateReason(
  db: Db,
  orgId: string,
  id: string,
  patch: { name?: string | null; pinned?: boolean; ownerUserId?: string | null },
) {
  await requireReason(db, orgId, id);
  return (await repo.updateReason(db, orgId, id, patch))!;
}

/** Merges `sourceIds` into `targetId`: their conversations move and the model blends their terms. */
export async function mergeReasons(db: Db, orgId: string, targetId: string, sourceIds: string[]) {
  const sources = [...new Set(sourceIds)].filter((s) => s !== targetId);
  if (sources.length === 0) {
    throw new AppError("VALIDATION_FAILED", { message: "name at least one other reason to merge" });
  }
  return db.transaction(async (tx) => {
    const target = await requireReason(tx, orgId, targetId);
    const rows = await Promise.all(sources.map((s) => requireReason(tx, orgId, s)));
    for (const s of rows)
      await repo.updateReason(tx, orgId, s.id, { mergedIntoId: targetId, pinned: false });
    await repo.moveConversations(tx, orgId, sources, targetId);
    const { weights, vector = null } = blendParts([target, ...rows]);
    return (await repo.updateReason(tx, orgId, targetId, {
      weights,
      vector,
      pinned: target.pinned || rows.some((r) => r.pinned),
    }))!;
  });
}

/**
 * Splits a reason in two by clustering its own conversations (by their terms); returns both
 * reasons. Both halves keep the reason's word-vector half: the words' meaning still places a
 * message between this pair and the other reasons, and the terms tell the pair apart.
 */
export async function splitReason(db: Db, orgId: string, id: string) {
  const reason = await requireReason(db, orgId, id);
  const all = await repo.findAssignments(db, orgId);
  const ids = all.filter((a) => a.reasonId === id).map((a) => a.conversationId);
  if (ids.length < 4) {
    throw new AppError("VALIDATION_FAILED", {
      message: "a reason needs at least 4 conversations to split",
    });
  }
  const texts = await repo.findConversationTexts(db, orgId, { limit: ids.length, ids });
  const fit = clusterTopics(
    texts.map((t) => t.text),
    { k: 2 },
  );
  if (fit.topics.length < 2)
    throw new AppError("VALIDATION_FAILED", { message: "the conversations do not split" });
  return db.transaction(async (tx) => {
    const kept = await repo.updateReason(tx, orgId, id, {
      label: fit.topics[0]!.label,
      terms: fit.topics[0]!.terms,
      weights: topicPart(fit.model, 0).weights,
    });
    const created = await repo.insertReason(tx, {
      orgId,
      label: fit.topics[1]!.label,
      terms: fit.topics[1]!.terms,
      weights: topicPart(fit.model, 1).weights,
      vector: reason.vector,
      ownerUserId: reason.ownerUserId,
    });
    const moving = texts.filter((_, i) => fit.assignments[i] === 1).map((t) => t.conversationId);
    await repo.moveConversations(tx, orgId, [id], created.id, moving);
    return [kept!, created];
  });
}

/** Models older than this are re-fitted by the hourly job, so new reasons appear within a week. */
const REFIT_AFTER_MS = 7 * 86_400_000;
/** Fewer conversations than this give no reasons worth naming. */
const MIN_TO_FIT = 50;

/**
 * Whether the hourly job re-fits an org's reasons: never with fewer than MIN_TO_FIT conversations;
 * then when it has no model, when the model is older than a week, or when the org has twice the
 * conversations the model was fitted on. The last one matters after an import: the first fit
 * happens on the first few hundred conversations, and a week of reasons drawn from those alone
 * would name the rest badly. Re-fits double in size, so they cost about twice the last one in all.
 */
export function refitDue(
  org: { fittedAt: Date | null; fittedOn: number | null; conversations: number },
  now: number,
): boolean {
  if (org.conversations < MIN_TO_FIT) return false;
  if (!org.fittedAt || now - org.fittedAt.getTime() > REFIT_AFTER_MS) return true;
  return org.fittedOn !== null && org.conversations >= 2 * org.fittedOn;
}

/** Every organization with enough conversations for reasons, and whether its reasons are due a re-fit. */
export async function orgsForHourlyChecks(db: Db, now: number) {
  const orgs = await repo.findModelStates(db, MIN_TO_FIT, RECLUSTER_LIMIT);
  return orgs.map((org) => ({ id: org.id, refit: refitDue(org, now) }));
}
