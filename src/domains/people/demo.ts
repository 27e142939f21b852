import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import { findQaCoachingNotes, insertCoaching } from "./coaching.repo.ts";
import { insertGoal } from "./goals.repo.ts";
import { listAgentsOf, listTeamNames } from "./people.repo.ts";
import { addDays } from "./period.ts";
import { writePeopleSettings } from "./settings.ts";

/**
 * Demo data for the people pages: weights per role
 * (Accounts & Security agents are "specialists", weighted toward QA and complaints), goals for the
 * org, a team and a coached agent, and a coaching session six weeks ago whose effect is measured
 * from the data (whatever it shows: nothing is faked).
 */
export async function seedDemoPeople(db: Db, orgId: string, now = new Date()): Promise<void> {
  // No facts here: the demo's conversations are analysed and scored after the first start, and
  // the `conversations.changed` listener builds their facts and rollups as they are.
  const teams = await listTeamNames(db, orgId);
  const accounts = teams.find((t) => t.name.startsWith("Accounts"));
  const billing = teams.find((t) => t.name.startsWith("Billing"));
  await writePeopleSettings(db, orgId, {
    weights: {
      default: {
        qa_auto: 0.2,
        qa_human: 0.1,
        predicted_satisfaction: 0.2,
        csat: 0.15,
        fcr: 0.15,
        sla_compliance: 0.05,
        promises_kept: 0.05,
        complaint_rate: 0.1,
      },
      specialist: {
        qa_auto: 0.3,
        qa_human: 0.2,
        predicted_satisfaction: 0.1,
        csat: 0.1,
        fcr: 0.1,
        complaint_rate: 0.1,
        complaint_resolved: 0.1,
      },
    },
    teamRoles: accounts ? { [accounts.id]: "specialist" } : {},
    agentsSeeOthers: false,
    leaderboards: false,
  });

  const today = now.toISOString().slice(0, 10);
  const leader = await queryRows<{ id: string }>(
    db,
    sql`select user_id as id from memberships where org_id = ${orgId}::uuid and role = 'leader' limit 1`,
  );
  const coach = leader[0]?.id ?? null;
  const agents = await listAgentsOf(db, orgId, billing?.id);
  const coached = agents.find((a) => a.name === "Daniel Okafor") ?? agents[0];
  const goal = (g: Omit<Parameters<typeof insertGoal>[1], "orgId" | "createdBy">) =>
    insertGoal(db, { ...g, orgId, createdBy: coach });
  await goal({
    scope: "org",
    subjectId: null,
    metric: "fcr",
    target: 0.85,
    startValue: null,
    startsOn: addDays(today, -30),
    dueOn: addDays(today, 60),
    note: "Fewer customers need to come back",
  });
  if (billing) {
    await goal({
      scope: "team",
      subjectId: billing.id,
      metric: "qa_auto",
      target: 80,
      startValue: null,
      startsOn: addDays(today, -30),
      dueOn: addDays(today, 30),
      note: "Billing explains every charge",
    });
  }
  if (!coached) return;
  await goal({
    scope: "agent",
    subjectId: coached.id,
    metric: "predicted_satisfaction",
    target: 3.8,
    startValue: null,
    startsOn: addDays(today, -42),
    dueOn: addDays(today, 14),
    note: "Warmer openings and a closing check",
  });

  const heldOn = addDays(today, -42);
  const notes = await findQaCoachingNotes(db, orgId, coached.id);
  await insertCoaching(db, {
    orgId,
    agentId: coached.id,
    coachUserId: coach,
    metric: "predicted_satisfaction",
    heldOn,
    followUpOn: addDays(heldOn, 28),
    // Drafted when the leader opens the session; the analyses behind an agenda arrive after seeding.
    agenda: [],
    notes:
      "Went through two short replies and one great call. Agreed to greet by name and check the issue is solved before closing.",
    commitments: ["Greet the customer by name", 'Ask "is there anything else?" before closing'],
    qaCoachingNoteIds: notes.slice(0, 2).map((n) => n.id),
  });
}
