import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import type { Principal } from "../../lib/principal.ts";
import { findAgentIdsOfUser } from "../conversations/index.ts";
import type { PeopleSettings } from "./settings.ts";

/** The agents a signed-in agent is (an agent login may be linked to one or more agent records). */
export async function ownAgentIds(db: Db, p: Principal): Promise<string[]> {
  if (p.kind !== "session") return [];
  return findAgentIdsOfUser(db, p.orgId, p.userId);
}

/** Whether this caller sees only their own figures (an agent, unless the org opted in). */
export function isRestrictedAgent(p: Principal, settings: PeopleSettings): boolean {
  return p.kind === "session" && p.role === "agent" && !settings.agentsSeeOthers;
}

/**
 * Agents see their own scorecard; another agent's only when the org opted in
 * (`agentsSeeOthers`). Leaders, QA, admins, execs and read-scoped API keys see everyone's.
 */
export async function assertCanSeeAgent(
  db: Db,
  p: Principal,
  agentId: string,
  settings: PeopleSettings,
): Promise<void> {
  if (!isRestrictedAgent(p, settings)) return;
  if ((await ownAgentIds(db, p)).includes(agentId)) return;
  throw new AppError("FORBIDDEN", {
    message: "Agents see only their own scorecard in this organization",
  });
}

/** Team and org views show individual figures: agents need the org's opt-in. */
export function assertCanSeeOthers(p: Principal, settings: PeopleSettings): void {
  if (isRestrictedAgent(p, settings)) {
    throw new AppError("FORBIDDEN", {
      message: "Agents see other agents' figures only when the organization opts in",
    });
  }
}
