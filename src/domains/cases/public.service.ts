import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import { findOrgBySlug } from "../orgs/index.ts";
import type { ThrottlePolicy } from "../throttle/index.ts";
import { addBusinessMinutes } from "./business-hours.ts";
import { calendarFor } from "./case-clocks.ts";
import { escalateCase } from "./case-updates.service.ts";
import * as repo from "./cases.repo.ts";
import * as history from "./case-history.repo.ts";
import type { PublicEscalationBody } from "./cases.schemas.ts";
import { openCase, refreshClocks } from "./cases.service.ts";
import { verifyReference } from "./reference.ts";
import type { ClockPolicy } from "./sla.ts";
import { findOldestOrg } from "./sla-policies.repo.ts";

/**
 * The customer's route to management: a complaint from the public form (or API) opens a case at
 * the executive level, or escalates the case whose reference it quotes straight there. Spam is
 * held off without a CAPTCHA service: a per-client rate limit, a honeypot field and signed
 * references (a forged one is refused before any lookup).
 */

/** Ten submissions per client address, then a block that doubles from a minute up to an hour. */
export const PUBLIC_ESCALATION_POLICY: ThrottlePolicy = {
  name: "public-escalation",
  freeAttempts: 10,
  baseBlockSeconds: 60,
  maxBlockSeconds: 3600,
  forgetAfterSeconds: 3600,
};

export interface PublicEscalationResult {
  reference: string;
  respondBy: string;
  escalated: "opened" | "escalated";
  /** The case's business-hours zone, in which the customer is told the time. */
  timeZone: string;
}

async function orgFor(db: Db, slug: string | undefined) {
  if (slug) {
    const org = await findOrgBySlug(db, slug);
    if (!org) throw new AppError("NOT_FOUND", { message: "body.org: no such organization" });
    return org.id;
  }
  const org = await findOldestOrg(db);
  if (!org) throw new AppError("NOT_FOUND", { message: "No organization takes complaints here" });
  return org.id;
}

export async function submitPublicEscalation(
  db: Db,
  body: PublicEscalationBody,
  now = new Date(),
): Promise<PublicEscalationResult> {
  if (body.website)
    throw new AppError("VALIDATION_FAILED", { message: "body: this submission was refused" });
  if (body.reference) return escalateByReference(db, body, now);
  const orgId = await orgFor(db, body.org);
  const row = await openCase(db, orgId, {
    source: "public",
    title: `Complaint to management from ${body.name}`.slice(0, 300),
    description: body.message,
    severity: "high",
    requesterName: body.name,
    requesterEmail: body.email,
    openedAt: now,
    escalateTo: { level: "executive", trigger: "customer_request" },
  });
  return respondBy(row!, "opened");
}

async function escalateByReference(db: Db, body: PublicEscalationBody, now: Date) {
  const reference = verifyReference(body.reference!);
  if (!reference)
    throw new AppError("CASE_REFERENCE_INVALID", {
      message: "body.reference: not a valid case reference; check it, or leave it empty",
    });
  const found = await repo.findCaseByReference(db, reference);
  if (!found) throw new AppError("CASE_NOT_FOUND", { message: "body.reference: no such case" });
  const { name, email, message: text } = body;
  const row = await escalateFound(db, found, { via: "public_form", name, email, text }, now);
  return respondBy(row, "escalated", now);
}

/**
 * The customer's message on an existing case, which goes straight to the executive level (a
 * finished case reopens). Shared by the public form and the escalation mailbox.
 */
export async function escalateFound(
  db: Db,
  found: repo.CaseRow,
  message: Record<string, unknown>,
  now: Date,
): Promise<repo.CaseRow> {
  return db.transaction(async (tx) => {
    const locked = (await repo.lockCase(tx, found.orgId, found.id))!;
    await history.appendEvents(tx, found.orgId, found.id, [
      { type: "customer_message", at: now, data: message },
    ]);
    const reopened =
      locked.status === "resolved" || locked.status === "closed"
        ? await reopen(tx, locked, now)
        : locked;
    const escalated = await escalateCase(tx, reopened, "executive", "customer_request", now);
    if (!escalated) await repo.updateCaseVersioned(tx, found.orgId, found.id, reopened.version, {});
    return (await refreshClocks(tx, (await repo.findCase(tx, found.orgId, found.id))!)).row;
  });
}

/** A customer escalating a finished case reopens it: their complaint is not finished. */
async function reopen(db: Db, c: repo.CaseRow, now: Date) {
  const row = await repo.updateCaseVersioned(db, c.orgId, c.id, c.version, {
    status: "reopened",
    resolvedAt: null,
    closedAt: null,
  });
  await history.appendEvents(db, c.orgId, c.id, [
    {
      type: "status_changed",
      at: now,
      data: { from: c.status, to: "reopened", reason: "customer escalation" },
    },
  ]);
  return row!;
}

/** The promise: a first response within the case policy's target, counted from now. */
export function respondBy(
  row: repo.CaseRow,
  escalated: PublicEscalationResult["escalated"],
  now = new Date(),
) {
  const policy = row.clockPolicy as unknown as ClockPolicy;
  const due =
    escalated === "opened" && row.firstResponseDueAt
      ? row.firstResponseDueAt.getTime()
      : addBusinessMinutes(calendarFor(policy), now.getTime(), policy.targets.firstResponseMinutes);
  const timeZone = policy.calendar.timeZone;
  return { reference: row.reference, respondBy: new Date(due).toISOString(), escalated, timeZone };
}
