import type { Db } from "../../db/client.ts";
import type { EscalationLevel, RoleName } from "../../db/schema/index.ts";
import { appUrl, composeEmail, sendEmail, type SmtpConfig } from "../email/index.ts";
import type { CaseEventRow } from "./case-history.repo.ts";
import type { CaseRow } from "./cases.repo.ts";
import * as repo from "./notifications.repo.ts";

/**
 * Who hears about an escalation, in the app and by email. Each notification is keyed by the event
 * that raised it, so an escalation notifies each person exactly once however often the job that
 * raised it runs; emails are claimed before sending, so two email runs never send one twice.
 */

const LEVEL_LABEL: Record<EscalationLevel, string> = {
  agent: "agent",
  team_lead: "team lead",
  manager: "manager",
  executive: "executive",
};

/** The people at a level: the owner; the team's leaders (or all leaders); admins; executives. */
export async function recipientsFor(db: Db, c: CaseRow, level: EscalationLevel) {
  const byRole = (roles: RoleName[], teamId?: string | null) =>
    repo.findMembers(db, c.orgId, roles, teamId);
  switch (level) {
    case "agent":
      return c.ownerUserId ? [{ userId: c.ownerUserId }] : byRole(["leader"], c.teamId);
    case "team_lead": {
      const team = c.teamId ? await byRole(["leader"], c.teamId) : [];
      return team.length > 0 ? team : byRole(["leader"]);
    }
    case "manager":
      return byRole(["admin"]);
    case "executive":
      return byRole(["exec"]);
  }
}

/** In-app notifications for an `escalated` or `sla_alert` event, once per event and person. */
export async function notifyEscalation(db: Db, c: CaseRow, event: CaseEventRow): Promise<number> {
  const level = (event.data.to as EscalationLevel | undefined) ?? c.escalationLevel;
  const trigger = String(event.data.trigger ?? "manual");
  const people = await recipientsFor(db, c, level);
  const owner = c.ownerUserId && level !== "agent" ? [{ userId: c.ownerUserId }] : [];
  const unique = [...new Set([...people, ...owner].map((p) => p.userId))];
  const message =
    event.type === "escalated"
      ? `Case ${c.reference} "${c.title}" escalated to ${LEVEL_LABEL[level]} (${trigger.replaceAll("_", " ")})`
      : `Case ${c.reference} "${c.title}": ${trigger.replaceAll("_", " ")}`;
  return repo.insertNotifications(
    db,
    unique.map((userId) => ({
      orgId: c.orgId,
      caseId: c.id,
      userId,
      kind: event.type,
      dedupeKey: `event:${event.id}`,
      message,
    })),
  );
}

export async function listMyNotifications(db: Db, orgId: string, userId: string) {
  const rows = await repo.listNotifications(db, orgId, userId);
  return rows.map((n) => ({
    id: n.id,
    caseId: n.caseId,
    kind: n.kind,
    message: n.message,
    createdAt: n.createdAt.toISOString(),
    emailedAt: n.emailedAt ? n.emailedAt.toISOString() : null,
  }));
}

/**
 * A notification's email: its message and a link to the case (the digest: its cases, one per line,
 * and a link to the executive queue), or where to find it when RAPPORT_PUBLIC_URL is not set.
 */
export function notificationBody(n: { kind: string; message: string; case_id: string | null }) {
  if (n.kind === "digest") {
    const [title = "", ...cases] = n.message.split("\n");
    const url = appUrl("/executive-queue");
    return composeEmail({
      paragraphs: [title],
      items: cases.map((text) => ({ text })),
      action: url ? { label: "Open the executive queue", url } : undefined,
      hint: "Open Rapport → Executive queue.",
    });
  }
  const url = n.case_id ? appUrl(`/cases/${n.case_id}`) : undefined;
  return composeEmail({
    paragraphs: [n.message],
    action: url ? { label: "Open the case", url } : undefined,
    hint: "Open Rapport → Cases to see it.",
  });
}

/** Emails notifications not yet emailed; a failed send is released for the next run. */
export async function emailPendingNotifications(db: Db, smtp: SmtpConfig, limit = 100) {
  const claimed = await repo.claimUnsent(db, limit);
  let sent = 0;
  for (const n of claimed) {
    try {
      await sendEmail(smtp, {
        to: n.email,
        subject: n.kind === "digest" ? "Rapport: this week's executive cases" : n.message,
        ...notificationBody(n),
      });
      sent++;
    } catch (err) {
      await repo.releaseClaim(db, n.org_id, n.id);
      throw err;
    }
  }
  return sent;
}
