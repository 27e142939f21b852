import type { z } from "zod";
import type { CoachingBodySchema, ReportQuerySchema } from "./qa.schemas.ts";
import type { Db } from "../../db/client.ts";
import { decodeKeysetCursor, encodeKeysetCursor } from "../../lib/cursor.ts";
import { AppError } from "../../lib/errors.ts";
import type { Principal } from "../../lib/principal.ts";
import * as coaching from "./coaching.repo.ts";
import { ownAgentIds, requireVisibleEvaluation, teamScope } from "./evaluations.service.ts";
import * as reports from "./reports.repo.ts";
import * as reviews from "./reviews.repo.ts";

/** Coaching notes, QA reports and the CSV export. */

function presentNote(n: coaching.CoachingRow) {
  return {
    id: n.id,
    evaluationId: n.evaluation_id,
    conversationId: n.conversation_id,
    agentId: n.agent_id,
    agent: { id: n.agent_id, name: n.agent_name ?? "" },
    authorUserId: n.author_user_id,
    authorName: n.author_name,
    messageIds: n.message_ids,
    goal: n.goal,
    note: n.note,
    followUpOn: n.follow_up_on,
    createdAt: n.created_at,
  };
}

/** A leader turns an evaluation into a coaching note for the evaluated agent. */
export async function createCoachingNote(
  db: Db,
  principal: Principal,
  evaluationId: string,
  body: z.infer<typeof CoachingBodySchema>,
) {
  const e = await requireVisibleEvaluation(db, principal, evaluationId);
  if (!e.agent_id)
    throw new AppError("VALIDATION_FAILED", { message: "this evaluation has no agent to coach" });
  const ids = new Set(e.answers.flatMap((a) => a.evidence.map((x) => x.messageId)));
  const messages = await reviews.messageIdsOf(db, principal.orgId, e.conversation_id);
  const foreign = body.messageIds.find((id) => !messages.has(id) && !ids.has(id));
  if (foreign)
    throw new AppError("VALIDATION_FAILED", {
      message: `messageIds: ${foreign} is not a message of the evaluated conversation`,
    });
  const id = await coaching.insertCoachingNote(db, principal.orgId, {
    evaluationId,
    agentId: e.agent_id,
    authorUserId: principal.kind === "session" ? principal.userId : e.agent_id,
    messageIds: body.messageIds,
    goal: body.goal,
    note: body.note,
    followUpOn: body.followUpOn ?? null,
  });
  return presentNote((await coaching.listCoachingNotes(db, principal.orgId, { id, limit: 1 }))[0]!);
}

/**
 * Coaching notes, newest first, a page at a time: agents see their own, leaders and QA analysts with
 * a team their team's, everyone else the organization's (`agentId` narrows to one agent).
 */
export async function listCoachingNotes(
  db: Db,
  principal: Principal,
  q: { agentId?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const own = await ownAgentIds(db, principal);
  const agentIds = q.agentId ? (own ?? [q.agentId]).filter((a) => a === q.agentId) : own;
  const rows = await coaching.listCoachingNotes(db, principal.orgId, {
    agentIds,
    teamId: await teamScope(db, principal),
    before: q.cursor ? decodeKeysetCursor(q.cursor) : undefined,
    limit: q.limit,
  });
  const last = rows.at(-1);
  return {
    items: rows.map(presentNote),
    nextCursor:
      rows.length === q.limit && last ? encodeKeysetCursor(last.cursor_at, last.id) : null,
  };
}

function window(q: { from?: string | undefined; to?: string | undefined }) {
  const to = q.to ?? new Date().toISOString().slice(0, 10);
  const from = q.from ?? new Date(Date.parse(to) - 90 * 86_400_000).toISOString().slice(0, 10);
  if (from > to) throw new AppError("VALIDATION_FAILED", { message: "query.from: after query.to" });
  return { from, to };
}

/**
 * QA scores per group, automatic and human apart; by criterion, also how many automatic answers
 * reviewers corrected and disputes overturned per rule.
 */
export async function qaReport(db: Db, principal: Principal, q: z.infer<typeof ReportQuerySchema>) {
  const f = {
    orgId: principal.orgId,
    ...window(q),
    teamId: (await teamScope(db, principal)) ?? q.teamId,
    agentIds: await ownAgentIds(db, principal),
  };
  const [rows, corrections] = await Promise.all([
    reports.scoresBy(db, q.groupBy, f),
    // Corrections per rule read every answer: only the criterion view (which reads them anyway) has them.
    q.groupBy === "criterion" ? reports.correctionsByCriterion(db, f) : Promise.resolve([]),
  ]);
  return {
    groupBy: q.groupBy,
    from: f.from,
    to: f.to,
    items: rows.map((r) => ({
      key: r.key,
      label: r.label ?? r.key ?? "(none)",
      kind: r.kind,
      evaluations: r.evaluations,
      score: r.score,
      passed: r.passed,
      failed: r.failed,
    })),
    rules: corrections,
  };
}

const CSV_COLUMNS = [
  "evaluation_id",
  "conversation_id",
  "kind",
  "scorecard_id",
  "version",
  "agent_id",
  "team_id",
  "channel",
  "week",
  "score",
  "criterion",
  "answer",
  "value",
  "confidence",
  "credited_agent_id",
  "original_answer",
  "evidence",
] as const;

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  let s = String(v);
  // A cell starting with =, +, - or @ would run as a formula in a spreadsheet.
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Every criterion answer in the window as CSV, one row each (at most 100,000 rows). */
export async function exportCsv(
  db: Db,
  principal: Principal,
  q: z.infer<typeof ReportQuerySchema>,
) {
  const f = {
    orgId: principal.orgId,
    ...window(q),
    teamId: (await teamScope(db, principal)) ?? q.teamId,
    agentIds: await ownAgentIds(db, principal),
  };
  const rows = await reports.exportAnswers(db, f, 100_000);
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of rows) lines.push(CSV_COLUMNS.map((c) => csvCell(r[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
