import type { Db } from "../../db/client.ts";
import type { Queue } from "../../jobs/queue.ts";
import { AppError } from "../../lib/errors.ts";
import type { Principal } from "../../lib/principal.ts";
import { recordAudit } from "../orgs/index.ts";
import { criteriaOf, type Definition } from "./definition.ts";
import * as evaluations from "./evaluations.repo.ts";
import { measureRules } from "./gating.service.ts";
import type { Scorecard } from "./qa.schemas.ts";
import { BACKFILL_JOB } from "./qa.jobs.ts";
import * as repo from "./scorecards.repo.ts";

/** Gives an organization its starter scorecards (phone, email, chat) if it lacks them. */
export function ensureStarterScorecards(db: Db, orgId: string): Promise<number> {
  return repo.insertStarterScorecards(db, orgId);
}

function present(v: repo.VersionRow, draft: repo.VersionRow | undefined): Scorecard {
  return {
    id: v.scorecard_id,
    name: v.name,
    version: v.version,
    status: v.status,
    channels: v.channels,
    sections: v.definition.sections,
    criteria: v.definition.sections.flatMap((s) =>
      s.criteria.map((c) => ({ ...c, auto: c.rule !== null, section: s.key })),
    ),
    publishedAt: v.published_at,
    draft: draft && draft !== v ? { version: draft.version, definition: draft.definition } : null,
  };
}

/**
 * Every scorecard at its published version (or its draft, before its first publication), with the
 * draft being edited. An org that has none yet gets its starter scorecards.
 */
export async function listScorecards(db: Db, orgId: string): Promise<Scorecard[]> {
  let rows = await repo.listCurrentVersions(db, orgId);
  if (!rows.some((r) => r.starter_key !== null) && (await ensureStarterScorecards(db, orgId)) > 0)
    rows = await repo.listCurrentVersions(db, orgId);
  const byCard = new Map<string, { published?: repo.VersionRow; draft?: repo.VersionRow }>();
  for (const r of rows) {
    const entry = byCard.get(r.scorecard_id) ?? {};
    if (r.status === "draft") entry.draft = r;
    else entry.published = r;
    byCard.set(r.scorecard_id, entry);
  }
  return [...byCard.values()].map((e) => present((e.published ?? e.draft)!, e.draft));
}

export async function getScorecard(db: Db, orgId: string, id: string): Promise<Scorecard> {
  const card = (await listScorecards(db, orgId)).find((s) => s.id === id);
  if (!card) throw new AppError("SCORECARD_NOT_FOUND", { message: "No such scorecard" });
  const [latest] = await repo.listBackfills(db, orgId, id);
  const published = await repo.findVersion(db, orgId, id, "published");
  const measured = published ? await measureRules(db, orgId, published) : [];
  const byKey = new Map(measured.map((m) => [m.key, m]));
  return {
    ...card,
    criteria: card.criteria.map((c) => {
      const m = card.status === "published" ? byKey.get(c.key) : undefined;
      return m
        ? { ...c, agreement: { alpha: m.alpha, pairs: m.pairs, suggested: m.suggested } }
        : c;
    }),
    backfill: latest
      ? { total: latest.total, done: latest.done, finished: latest.finished_at !== null }
      : null,
  };
}

export async function createScorecard(
  db: Db,
  principal: Principal,
  d: Definition,
): Promise<Scorecard> {
  const id = await db.transaction(async (tx) => {
    const created = await repo.insertScorecard(tx, principal.orgId, d);
    await recordAudit(tx, principal.orgId, principal, "scorecard.created", {
      type: "scorecard",
      id: created,
    });
    return created;
  });
  return getScorecard(db, principal.orgId, id);
}

/** Starts the next version as a draft; a scorecard has at most one draft at a time. */
export async function createDraft(
  db: Db,
  principal: Principal,
  id: string,
  d: Definition,
): Promise<Scorecard> {
  await getScorecard(db, principal.orgId, id);
  if (await repo.findVersion(db, principal.orgId, id, "draft"))
    throw new AppError("CONFLICT", {
      message: "this scorecard already has a draft: edit it, or publish it first",
    });
  await repo.upsertDraft(db, principal.orgId, id, d);
  return getScorecard(db, principal.orgId, id);
}

/** Edits a draft. A published (or retired) version is never changed in place. */
export async function editVersion(
  db: Db,
  principal: Principal,
  id: string,
  version: number,
  d: Definition,
): Promise<Scorecard> {
  const v = await repo.findVersion(db, principal.orgId, id, version);
  if (!v) throw new AppError("SCORECARD_NOT_FOUND", { message: `No version ${version}` });
  if (v.status !== "draft")
    throw new AppError("SCORECARD_VERSION_PUBLISHED", {
      message: `version ${version} is ${v.status} and cannot change: create a new draft instead`,
    });
  await repo.upsertDraft(db, principal.orgId, id, d);
  return getScorecard(db, principal.orgId, id);
}

/**
 * Publishes a draft: it becomes the version every new automatic evaluation uses; evaluations of
 * older versions keep theirs. Starts the back-fill of every stored conversation of its channels.
 */
export async function publishVersion(
  deps: { db: Db; queue: Queue },
  principal: Principal,
  id: string,
  version: number,
): Promise<Scorecard> {
  const { db, queue } = deps;
  const v = await repo.findVersion(db, principal.orgId, id, version);
  if (!v) throw new AppError("SCORECARD_NOT_FOUND", { message: `No version ${version}` });
  if (v.status !== "draft")
    throw new AppError("SCORECARD_VERSION_PUBLISHED", {
      message: `version ${version} is already ${v.status}`,
    });
  const total = await evaluations.countConversations(db, principal.orgId, v.channels);
  await db.transaction(async (tx) => {
    await repo.publishDraft(
      tx,
      principal.orgId,
      id,
      principal.kind === "session" ? principal.userId : null,
    );
    const backfillId = await repo.insertBackfill(tx, principal.orgId, v.id, total);
    await queue.enqueue(
      BACKFILL_JOB,
      { orgId: principal.orgId, backfillId, versionId: v.id },
      { orgId: principal.orgId },
      tx,
    );
    await recordAudit(
      tx,
      principal.orgId,
      principal,
      "scorecard.published",
      {
        type: "scorecard",
        id,
      },
      { version, criteria: criteriaOf(v.definition).length },
    );
  });
  return getScorecard(db, principal.orgId, id);
}
