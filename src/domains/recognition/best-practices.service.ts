import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import * as repo from "./best-practices.repo.ts";

/** Library items one process keeps per org for assist to cite. */
const CITABLE_MAX = 500;

async function criterionNames(db: Db, orgId: string) {
  return new Map((await repo.listCriteria(db, orgId)).map((c) => [c.key, c.name]));
}

function toItem(r: repo.LibraryRow, names: Map<string, string>) {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    criterionKey: r.criterion_key,
    criterionName: names.get(r.criterion_key) ?? r.criterion_key,
    note: r.note,
    qaScore: r.qa_score,
    satisfaction: r.satisfaction,
    praised: r.praised > 0,
    excerpt: r.excerpt,
    agentName: r.agent_name,
    channel: r.channel,
    createdAt: r.created_at,
  };
}

/**
 * The library agents browse and assist cites: curated conversations, by criterion, with how many
 * each criterion has (criteria without any are listed too, so the gaps show).
 */
export async function listLibrary(
  db: Db,
  orgId: string,
  criterionKey: string | undefined,
  limit: number,
) {
  const names = await criterionNames(db, orgId);
  const rows = await repo.listLibrary(db, orgId, criterionKey ? { criterionKey } : {}, limit);
  const counts = await repo.countByCriterion(db, orgId);
  return {
    items: rows.map((r) => toItem(r, names)),
    criteria: [...names].map(([key, name]) => ({ key, name, count: counts.get(key) ?? 0 })),
  };
}

export type LibraryItem = ReturnType<typeof toItem>;

/** Library items assist may cite, each with the signals its criterion looks at, best first. */
export async function listCitable(
  db: Db,
  orgId: string,
): Promise<{ item: LibraryItem; signals: string[] }[]> {
  const criteria = await repo.listCriteria(db, orgId);
  const names = new Map(criteria.map((c) => [c.key, c.name]));
  const signals = new Map(criteria.map((c) => [c.key, c.signals]));
  const rows = await repo.listLibrary(db, orgId, { bestFirst: true }, CITABLE_MAX);
  // An item whose criterion left every scorecard answers nothing.
  return rows.flatMap((r) => {
    const looksAt = signals.get(r.criterion_key);
    return looksAt ? [{ item: toItem(r, names), signals: looksAt }] : [];
  });
}

async function requireCriterion(db: Db, orgId: string, key: string) {
  const names = await criterionNames(db, orgId);
  if (!names.has(key))
    throw new AppError("VALIDATION_FAILED", {
      message: `criterion: no scorecard of yours has a criterion '${key}'`,
    });
  return names;
}

export async function listCandidates(db: Db, orgId: string, criterionKey: string, limit: number) {
  await requireCriterion(db, orgId, criterionKey);
  const rows = await repo.findCandidates(db, orgId, criterionKey, limit);
  return {
    items: rows.map((r) => ({
      conversationId: r.conversation_id,
      agentName: r.agent_name,
      channel: r.channel,
      startedAt: r.started_at,
      qaScore: r.qa_score,
      satisfaction: r.satisfaction,
      csat: r.csat,
      praised: r.praised,
      curated: r.curated,
    })),
  };
}

export async function addBestPractice(
  db: Db,
  orgId: string,
  actorUserId: string | null,
  input: { conversationId: string; criterionKey: string; note: string },
) {
  const names = await requireCriterion(db, orgId, input.criterionKey);
  const facts = await repo.conversationFacts(db, orgId, input.conversationId);
  if (!facts)
    throw new AppError("CONVERSATION_NOT_FOUND", {
      message: "conversationId: no such conversation",
    });
  const id = await repo.insertBestPractice(db, {
    orgId,
    conversationId: input.conversationId,
    criterionKey: input.criterionKey,
    note: input.note,
    qaScore: facts.qa_score,
    satisfaction: facts.satisfaction,
    praised: facts.praised ? 1 : 0,
    excerpt: facts.excerpt ?? "",
    addedBy: actorUserId,
  });
  const [row] = await repo.listLibrary(db, orgId, { id }, 1);
  return toItem(row!, names);
}

export async function removeBestPractice(db: Db, orgId: string, id: string) {
  if (!(await repo.deleteBestPractice(db, orgId, id)))
    throw new AppError("BEST_PRACTICE_NOT_FOUND", { message: "No such best practice" });
}
