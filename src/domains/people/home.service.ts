import type { Db } from "../../db/client.ts";
import type { Principal } from "../../lib/principal.ts";
import { ownAgentIds } from "./access.ts";
import { findQaCoachingNotes } from "./coaching.repo.ts";
import { listCoachingViews } from "./coaching.service.ts";
import { listGoalViews } from "./goals.service.ts";
import { findAgent } from "./people.repo.ts";
import { buildAgentScorecard } from "./people.service.ts";
import { resolvePeriod } from "./period.ts";
import { readPeopleSettings } from "./settings.ts";

/**
 * The signed-in person's own page: their scorecard, goals (their own, their team's, the org's),
 * coaching sessions with measured effects and QA coaching notes. Only their own figures.
 */
export async function getAgentHome(
  db: Db,
  p: Principal,
  q: { from?: string | undefined; to?: string | undefined },
) {
  const settings = await readPeopleSettings(db, p.orgId);
  const flags = { agentsSeeOthers: settings.agentsSeeOthers, leaderboards: settings.leaderboards };
  const [agentId] = await ownAgentIds(db, p);
  const agent = agentId ? await findAgent(db, p.orgId, agentId) : null;
  if (!agent) {
    return {
      agent: null,
      scorecard: null,
      goals: [],
      coaching: [],
      qaCoachingNotes: [],
      settings: flags,
    };
  }
  const period = resolvePeriod(q.from, q.to);
  const [scorecard, goals, coaching, qaCoachingNotes] = await Promise.all([
    buildAgentScorecard(db, p.orgId, agent, period, settings),
    listGoalViews(db, p, { agentId: agent.id }),
    listCoachingViews(db, p, { agentId: agent.id }),
    findQaCoachingNotes(db, p.orgId, agent.id),
  ]);
  return {
    agent,
    scorecard,
    goals: goals.items,
    coaching: coaching.items,
    qaCoachingNotes,
    settings: flags,
  };
}
