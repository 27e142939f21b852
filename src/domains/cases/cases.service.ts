import type { Db } from "../../db/client.ts";
import {
  ESCALATION_LEVELS,
  type CaseSeverity,
  type CaseSource,
  type Channel,
  type EscalationLevel,
} from "../../db/schema/index.ts";
import { decodeKeysetCursor, encodeKeysetCursor } from "../../lib/cursor.ts";
import { AppError } from "../../lib/errors.ts";
import { computeClocks, nextCheckMs, rollupFacts, type ClockSummary } from "./case-clocks.ts";
import { addRollup, type RollupFacts } from "./case-rollups.repo.ts";
import * as repo from "./cases.repo.ts";
import * as history from "./case-history.repo.ts";
import type { CaseListQuery, CaseView } from "./cases.schemas.ts";
import { findMemberRole } from "./notifications.repo.ts";
import { notifyEscalation } from "./notifications.service.ts";
import { newReference, verifyReference } from "./reference.ts";
import type { ClockPolicy } from "./sla.ts";
import { selectPolicy } from "./sla-policies.service.ts";

/** Everything a new case can carry; only `source`, `title` and `openedAt` are required. */
export interface OpenCaseInput {
  source: CaseSource;
  title: string;
  description?: string | undefined;
  severity?: CaseSeverity | undefined;
  channel?: Channel | null | undefined;
  category?: string | null | undefined;
  segment?: string | null | undefined;
  customerId?: string | null | undefined;
  requesterName?: string | null | undefined;
  requesterEmail?: string | null | undefined;
  conversationId?: string | null | undefined;
  teamId?: string | null | undefined;
  ownerUserId?: string | null | undefined;
  /** When the clocks start (the dissatisfaction message, the form's submission). */
  openedAt: Date;
  /** Escalate at once (customer request, severity, public form) with this trigger. */
  escalateTo?: { level: EscalationLevel; trigger: string } | undefined;
  actorUserId?: string | null | undefined;
  /** Extra facts for the `opened` event (signals, survey id …). */
  details?: Record<string, unknown> | undefined;
}

export function levelRank(level: EscalationLevel): number {
  return ESCALATION_LEVELS.indexOf(level);
}

/**
 * Recomputes a case's clocks from its events and stores their summary; a case that has just been
 * resolved adds its facts to the compliance rollups, one that reopened takes them back.
 */
export async function refreshClocks(db: Db, row: repo.CaseRow, now = Date.now()) {
  const events = await history.listEvents(db, row.orgId, row.id);
  const { clocks, summary } = computeClocks(row.clockPolicy as unknown as ClockPolicy, events, now);
  const finished = row.status === "resolved" || row.status === "closed";
  let rolledUp = row.rolledUp;
  if (finished && !rolledUp) {
    const facts = rollupFacts(row, clocks, summary, now);
    await addRollup(db, row.orgId, facts, 1);
    rolledUp = facts as unknown as Record<string, unknown>;
  } else if (!finished && rolledUp) {
    await addRollup(db, row.orgId, rolledUp as unknown as RollupFacts, -1);
    rolledUp = null;
  }
  const updated = await repo.updateCase(db, row.orgId, row.id, {
    ...summary,
    rolledUp,
    nextCheckAt: nextCheckOf(summary),
  });
  return { row: updated, clocks, events };
}

/** The earliest at-risk or due instant of a running clock: when the escalation job looks again. */
export function nextCheckOf(summary: ClockSummary, after = -Infinity): Date | null {
  const next = nextCheckMs(summary.clockState, after);
  return next === null ? null : new Date(next);
}

/**
 * Opens a case: picks the first matching SLA policy, snapshots it, writes the `opened` event (and
 * an `escalated` one when asked), links the conversation and computes the clocks, in one
 * transaction. Returns null when the conversation already has its automatic case.
 */
export async function openCase(
  db: Db,
  orgId: string,
  input: OpenCaseInput,
): Promise<repo.CaseRow | null> {
  const severity = input.severity ?? "medium";
  return db.transaction(async (tx) => {
    const { id: policyId, policy } = await selectPolicy(tx, orgId, { ...input, severity });
    const row = await repo.insertCase(tx, {
      orgId,
      reference: newReference(),
      title: input.title.slice(0, 300),
      source: input.source,
      severity,
      channel: input.channel ?? null,
      category: input.category ?? null,
      segment: input.segment ?? null,
      customerId: input.customerId ?? null,
      requesterName: input.requesterName ?? null,
      requesterEmail: input.requesterEmail ?? null,
      conversationId: input.conversationId ?? null,
      teamId: input.teamId ?? null,
      ownerUserId: input.ownerUserId ?? null,
      slaPolicyId: policyId,
      clockPolicy: policy as unknown as Record<string, unknown>,
      openedAt: input.openedAt,
      escalationLevel: input.escalateTo?.level ?? "agent",
    });
    if (!row) return null;
    const opened = {
      type: "opened",
      at: input.openedAt,
      actorUserId: input.actorUserId,
      data: {
        source: input.source,
        severity,
        ...(input.description ? { description: input.description } : {}),
        ...input.details,
      },
    };
    const escalation = input.escalateTo;
    const events = await history.appendEvents(tx, orgId, row.id, [
      opened,
      ...(escalation && escalation.level !== "agent"
        ? [
            {
              type: "escalated",
              at: input.openedAt,
              data: { from: "agent", to: escalation.level, trigger: escalation.trigger },
            },
          ]
        : []),
    ]);
    if (input.conversationId)
      await history.linkConversation(tx, orgId, row.id, input.conversationId);
    const refreshed = await refreshClocks(tx, row);
    const escalated = events.find((e) => e.type === "escalated");
    if (escalated) await notifyEscalation(tx, refreshed.row, escalated);
    return refreshed.row;
  });
}

/** 404 naming the first referenced record (customer, team, conversation, owner) not in the org. */
export async function checkCaseRefs(
  db: Db,
  orgId: string,
  refs: {
    customerId?: string | null | undefined;
    teamId?: string | null | undefined;
    conversationId?: string | null | undefined;
    ownerUserId?: string | null | undefined;
  },
) {
  const [missing] = await repo.missingRefs(db, orgId, refs);
  if (missing === "customerId")
    throw new AppError("CUSTOMER_NOT_FOUND", { message: "body.customerId: no such customer" });
  if (missing === "teamId")
    throw new AppError("TEAM_NOT_FOUND", { message: "body.teamId: no such team" });
  if (missing === "conversationId")
    throw new AppError("CONVERSATION_NOT_FOUND", {
      message: "body.conversationId: no such conversation",
    });
  if (refs.ownerUserId && !(await findMemberRole(db, orgId, refs.ownerUserId)))
    throw new AppError("USER_NOT_FOUND", { message: "body.ownerUserId: no such member" });
}

export function toCaseView(row: repo.CaseRow): CaseView {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    source: row.source,
    status: row.status,
    severity: row.severity,
    escalationLevel: row.escalationLevel,
    version: row.version,
    channel: row.channel,
    category: row.category,
    segment: row.segment,
    rootCauseId: row.rootCauseId,
    customerId: row.customerId,
    requesterName: row.requesterName,
    conversationId: row.conversationId,
    ownerUserId: row.ownerUserId,
    teamId: row.teamId,
    slaPolicyId: row.slaPolicyId,
    openedAt: row.openedAt.toISOString(),
    resolvedAt: iso(row.resolvedAt),
    closedAt: iso(row.closedAt),
    sla: {
      firstResponseDueAt: iso(row.firstResponseDueAt),
      resolutionDueAt: iso(row.resolutionDueAt),
      firstRespondedAt: iso(row.firstRespondedAt),
      atRiskAt: iso(row.atRiskAt),
      breachedAt: iso(row.breachedAt),
      nextResponseDueAt: nextResponseDue(row.clockState),
    },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The open next-response cycle's due time (running, or overdue), from the stored clock state. */
function nextResponseDue(state: readonly Record<string, unknown>[]): string | null {
  const next = state.find((c) => c.key === "next_response" && c.stoppedAt === null);
  return typeof next?.dueAt === "number" ? new Date(next.dueAt).toISOString() : null;
}

/** Cases newest first; `?reference=` must carry a valid signature (a forged one is 400). */
export async function listCases(db: Db, orgId: string, q: CaseListQuery) {
  let reference: string | undefined;
  if (q.reference !== undefined) {
    reference = verifyReference(q.reference) ?? undefined;
    if (!reference)
      throw new AppError("CASE_REFERENCE_INVALID", {
        message: "query.reference: not a valid case reference",
      });
  }
  const rows = await repo.listCases(db, {
    orgId,
    conversationId: q.conversationId,
    reference,
    status: q.status,
    escalationLevel: q.escalationLevel,
    source: q.source,
    openOnly: q.open === "true",
    teamId: q.teamId,
    channel: q.channel,
    category: q.category,
    reasonId: q.reasonId,
    breached: q.breached === undefined ? undefined : q.breached === "true",
    authorityOption: q.authorityOption,
    openedFrom: q.openedFrom ? new Date(q.openedFrom) : undefined,
    openedTo: q.openedTo ? new Date(q.openedTo) : undefined,
    resolvedFrom: q.resolvedFrom ? new Date(q.resolvedFrom) : undefined,
    minutes: q.timeTo
      ? {
          field: q.timeTo === "firstResponse" ? "firstResponseMinutes" : "resolutionMinutes",
          from: q.minutesFrom,
          to: q.minutesTo,
        }
      : undefined,
    before: q.cursor ? decodeKeysetCursor(q.cursor) : undefined,
    limit: q.limit,
  });
  const last = rows.length === q.limit ? rows.at(-1) : undefined;
  return {
    items: rows.map(toCaseView),
    nextCursor: last ? encodeKeysetCursor(last.cursorAt, last.id) : null,
  };
}

export async function requireCase(db: Db, orgId: string, id: string) {
  const row = await repo.findCase(db, orgId, id);
  if (!row) throw new AppError("CASE_NOT_FOUND", { message: "No such case" });
  return row;
}
