import type { Db } from "../../db/client.ts";
import type { Channel } from "../../db/schema/index.ts";
import * as repo from "./cases.repo.ts";
import type { CaseView } from "./cases.schemas.ts";
import { openCase, toCaseView } from "./cases.service.ts";

export interface SurveyFollowUpFacts {
  followUpId: string;
  conversationId: string;
  customerId: string | null;
  teamId: string | null;
  channel: Channel | null;
  /** What the customer answered, for the case's description. */
  summary: string;
  openedAt: Date;
  actorUserId: string | null;
}

/**
 * Turns a survey follow-up into a complaint case (a detractor whose problem needs more than a call
 * back). One case per follow-up's conversation from a survey: asking again returns the same case.
 */
export async function openCaseFromFollowUp(
  db: Db,
  orgId: string,
  facts: SurveyFollowUpFacts,
): Promise<{ created: boolean; case: CaseView }> {
  const existing = await repo.findAutoCase(db, orgId, facts.conversationId, "survey");
  if (existing) return { created: false, case: toCaseView(existing) };
  const row = await openCase(db, orgId, {
    source: "survey",
    title: "Complaint from a survey answer",
    description: facts.summary,
    channel: facts.channel,
    customerId: facts.customerId,
    conversationId: facts.conversationId,
    teamId: facts.teamId,
    openedAt: facts.openedAt,
    actorUserId: facts.actorUserId,
    details: { followUpId: facts.followUpId },
  });
  // A concurrent request opened it first (the insert does nothing on conflict).
  const stored = row ?? (await repo.findAutoCase(db, orgId, facts.conversationId, "survey"));
  return { created: row !== null, case: toCaseView(stored!) };
}
