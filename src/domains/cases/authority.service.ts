import type { Db } from "../../db/client.ts";
import type { RoleName } from "../../db/schema/index.ts";
import { AppError } from "../../lib/errors.ts";
import * as repo from "./authority.repo.ts";
import { addBusinessMinutes } from "./business-hours.ts";
import { calendarFor } from "./case-clocks.ts";
import * as cases from "./cases.repo.ts";
import * as history from "./case-history.repo.ts";
import { refreshClocks, toCaseView } from "./cases.service.ts";
import { findMemberRole } from "./notifications.repo.ts";
import type { ClockPolicy } from "./sla.ts";

/**
 * Frontline authority: what an agent may grant without asking (per role, optionally per team),
 * recorded on the case with the reason; above the limit, an approval request with its own clock
 * (due in four business hours of the case's calendar).
 */

export const AUTHORITY_OPTIONS = [
  "refund",
  "fee_waiver",
  "replacement",
  "goodwill_credit",
] as const;
export type AuthorityOption = (typeof AUTHORITY_OPTIONS)[number];
export const APPROVAL_MINUTES = 240;

export interface AuthorityLimit {
  role: RoleName;
  teamId: string | null;
  option: AuthorityOption;
  maxAmount: number;
}

export async function listAuthorityLimits(db: Db, orgId: string): Promise<AuthorityLimit[]> {
  return (await repo.listLimits(db, orgId)).map((l) => ({
    role: l.role as RoleName,
    teamId: l.teamId,
    option: l.option as AuthorityOption,
    maxAmount: l.maxAmount,
  }));
}

export async function replaceAuthorityLimits(db: Db, orgId: string, limits: AuthorityLimit[]) {
  const seen = new Set<string>();
  for (const [i, l] of limits.entries()) {
    const key = `${l.role}|${l.teamId ?? ""}|${l.option}`;
    if (seen.has(key))
      throw new AppError("VALIDATION_FAILED", {
        message: `body.limits[${i}]: a second limit for ${l.role}/${l.option}${l.teamId ? " in that team" : ""}`,
      });
    seen.add(key);
  }
  await repo.replaceLimits(db, orgId, limits);
  return listAuthorityLimits(db, orgId);
}

/** The limit that applies to a member: their team's, else their role's; null when none is set. */
async function limitOf(db: Db, orgId: string, userId: string | null, option: AuthorityOption) {
  if (!userId) return null;
  const member = await findMemberRole(db, orgId, userId);
  if (!member) return null;
  const rows = await repo.limitsFor(db, orgId, member.role, option);
  const team = rows.find((r) => r.teamId !== null && r.teamId === member.teamId);
  return (team ?? rows.find((r) => r.teamId === null))?.maxAmount ?? null;
}

export interface AuthorityBody {
  option: AuthorityOption;
  amount: number;
  reason: string;
}

/** Applies an option within the actor's limit, or files an approval request above it. */
export async function useAuthority(
  db: Db,
  orgId: string,
  userId: string | null,
  caseId: string,
  body: AuthorityBody,
  now = new Date(),
) {
  const limit = await limitOf(db, orgId, userId, body.option);
  const within = limit !== null && body.amount <= limit;
  return db.transaction(async (tx) => {
    const row = await cases.lockCase(tx, orgId, caseId);
    if (!row) throw new AppError("CASE_NOT_FOUND", { message: "No such case" });
    const cal = calendarFor(row.clockPolicy as unknown as ClockPolicy);
    const data = { ...body, limit };
    const event = within
      ? {
          type: "authority_used",
          at: now,
          actorUserId: userId,
          data: { ...data, approved: "within_limit" },
        }
      : {
          type: "approval_requested",
          at: now,
          actorUserId: userId,
          data: {
            ...data,
            dueAt: new Date(addBusinessMinutes(cal, now.getTime(), APPROVAL_MINUTES)).toISOString(),
          },
        };
    await cases.updateCaseVersioned(tx, orgId, caseId, row.version, {});
    const [written] = await history.appendEvents(tx, orgId, caseId, [event]);
    const { row: fresh } = await refreshClocks(tx, (await cases.findCase(tx, orgId, caseId))!);
    return {
      outcome: within ? ("applied" as const) : ("approval_requested" as const),
      limit,
      eventSeq: written!.seq,
      case: toCaseView(fresh),
    };
  });
}

/** A leader's decision on an approval request (by its event's `seq`); approving applies it. */
export async function decideApproval(
  db: Db,
  orgId: string,
  userId: string | null,
  caseId: string,
  requestSeq: number,
  approved: boolean,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const row = await cases.lockCase(tx, orgId, caseId);
    if (!row) throw new AppError("CASE_NOT_FOUND", { message: "No such case" });
    const events = await history.listEvents(tx, orgId, caseId);
    const request = events.find((e) => e.seq === requestSeq && e.type === "approval_requested");
    if (!request) throw new AppError("APPROVAL_NOT_FOUND", { message: "No such approval request" });
    if (events.some((e) => e.type === "approval_decided" && e.data.requestSeq === requestSeq))
      throw new AppError("CONFLICT", { message: "this approval request was already decided" });
    const decided = {
      type: "approval_decided",
      at: now,
      actorUserId: userId,
      data: { requestSeq, approved },
    };
    const applied = {
      type: "authority_used",
      at: now,
      actorUserId: request.actorUserId,
      data: { ...request.data, approved: "by_approval", approvedBy: userId },
    };
    await cases.updateCaseVersioned(tx, orgId, caseId, row.version, {});
    await history.appendEvents(tx, orgId, caseId, approved ? [decided, applied] : [decided]);
    const { row: fresh } = await refreshClocks(tx, (await cases.findCase(tx, orgId, caseId))!);
    return toCaseView(fresh);
  });
}
