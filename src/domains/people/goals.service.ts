import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import type { Principal } from "../../lib/principal.ts";
import { isRestrictedAgent, ownAgentIds } from "./access.ts";
import { deleteGoal, insertGoal, listGoals, type GoalRow } from "./goals.repo.ts";
import { measure, type Measured, type Subject } from "./measure.service.ts";
import { isMetricKey, METRICS, type MetricKey } from "./metrics.ts";
import { findAgent, listTeamNames } from "./people.repo.ts";
import { addDays, resolvePeriod } from "./period.ts";
import { readPeopleSettings } from "./settings.ts";

export interface CreateGoalInput {
  scope: "agent" | "team" | "org";
  subjectId?: string | null | undefined;
  metric: string;
  target: number;
  startsOn?: string | undefined;
  dueOn: string;
  note?: string | undefined;
}

const today = () => new Date().toISOString().slice(0, 10);

function subjectOf(g: { scope: string; subjectId: string | null }): Subject {
  if (g.scope === "agent") return { scope: "agent", agentId: g.subjectId! };
  if (g.scope === "team") return { scope: "team", teamId: g.subjectId! };
  return { scope: "org" };
}

async function checkSubject(db: Db, orgId: string, scope: string, subjectId: string | null) {
  if (scope === "org") {
    if (subjectId)
      throw new AppError("VALIDATION_FAILED", { message: "An org goal has no subjectId" });
    return;
  }
  if (!subjectId)
    throw new AppError("VALIDATION_FAILED", { message: `A ${scope} goal needs a subjectId` });
  const found =
    scope === "agent"
      ? await findAgent(db, orgId, subjectId)
      : (await listTeamNames(db, orgId)).find((t) => t.id === subjectId);
  if (!found) throw new AppError("NOT_FOUND", { message: `No such ${scope} in this organization` });
}

/** Sets a goal; its starting value is the subject's figure over the 90 days before it starts. */
export async function createGoal(db: Db, p: Principal, input: CreateGoalInput) {
  if (!isMetricKey(input.metric)) {
    throw new AppError("VALIDATION_FAILED", {
      message: `Unknown scorecard metric '${input.metric}'`,
      details: [{ path: "metric", message: `one of ${Object.keys(METRICS).join(", ")}` }],
    });
  }
  const startsOn = input.startsOn ?? today();
  if (input.dueOn < startsOn)
    throw new AppError("VALIDATION_FAILED", { message: "dueOn is before startsOn" });
  const subjectId = input.scope === "org" ? null : (input.subjectId ?? null);
  await checkSubject(db, p.orgId, input.scope, subjectId);
  const subject = subjectOf({ scope: input.scope, subjectId });
  const before = await measure(
    db,
    p.orgId,
    subject,
    input.metric,
    resolvePeriod(addDays(startsOn, -90), addDays(startsOn, -1)),
  );
  const row = await insertGoal(db, {
    orgId: p.orgId,
    scope: input.scope,
    subjectId,
    metric: input.metric,
    target: input.target,
    startValue: before.value,
    startsOn,
    dueOn: input.dueOn,
    note: input.note ?? "",
    createdBy: p.kind === "session" ? p.userId : null,
  });
  return toGoalView(db, row);
}

export interface GoalView {
  id: string;
  scope: string;
  subjectId: string | null;
  metric: MetricKey;
  label: string;
  target: number;
  startValue: number | null;
  startsOn: string;
  dueOn: string;
  note: string;
  current: Measured;
  /** 0–1 of the way from the starting value to the target. */
  progress: number | null;
  /** met: the current value reached the target; met_confidently: its whole interval did. */
  status: "met_confidently" | "met" | "on_track" | "behind" | "no_data";
}

async function toGoalView(db: Db, g: GoalRow): Promise<GoalView> {
  const metric = g.metric as MetricKey;
  const end = g.dueOn < today() ? g.dueOn : today();
  const current = await measure(
    db,
    g.orgId,
    subjectOf(g),
    metric,
    resolvePeriod(g.startsOn, end < g.startsOn ? g.startsOn : end),
  );
  const elapsed = daysBetween(g.startsOn, end) / Math.max(1, daysBetween(g.startsOn, g.dueOn));
  const { progress, status } = goalProgress({
    higher: METRICS[metric].higherIsBetter,
    target: g.target,
    start: g.startValue,
    current,
    elapsed,
  });
  return {
    id: g.id,
    scope: g.scope,
    subjectId: g.subjectId,
    metric,
    label: METRICS[metric].label,
    target: g.target,
    startValue: g.startValue,
    startsOn: g.startsOn,
    dueOn: g.dueOn,
    note: g.note,
    current,
    progress,
    status,
  };
}

/**
 * How far a goal has come: 1 once the current value reaches the target; 0 when it has not and the
 * start had already reached it (it slipped back); else the share of the way from the start (the
 * value before the goal began, or today's when there was none) to the target, within 0–1.
 */
export function goalProgress(g: {
  higher: boolean;
  target: number;
  start: number | null;
  current: Pick<Measured, "value" | "ci95">;
  /** Share of the goal's time gone, 0–1. */
  elapsed: number;
}): { progress: number | null; status: GoalView["status"] } {
  const { value, ci95 } = g.current;
  if (value === null) return { progress: null, status: "no_data" };
  const reached = (v: number) => (g.higher ? v >= g.target : v <= g.target);
  const start = g.start ?? value;
  const progress = reached(value)
    ? 1
    : reached(start)
      ? 0
      : // Short of the target is short of complete, whatever the rounding of the share.
        Math.max(0, Math.min(1 - Number.EPSILON, (value - start) / (g.target - start)));
  const status =
    ci95 && reached(g.higher ? ci95[0] : ci95[1])
      ? "met_confidently"
      : reached(value)
        ? "met"
        : progress >= g.elapsed
          ? "on_track"
          : "behind";
  return { progress, status };
}

function daysBetween(a: string, b: string): number {
  return (Date.parse(b) - Date.parse(a)) / 86_400_000;
}

/** Goals with their progress. An agent (without the org's opt-in) sees their own, their team's and the org's. */
export async function listGoalViews(
  db: Db,
  p: Principal,
  filter: { agentId?: string | undefined; teamId?: string | undefined },
) {
  const settings = await readPeopleSettings(db, p.orgId);
  let subjects: { agentIds: string[]; teamIds: string[] } | undefined;
  if (isRestrictedAgent(p, settings)) {
    const own = await ownAgentIds(db, p);
    const teams = (await Promise.all(own.map((id) => findAgent(db, p.orgId, id)))).flatMap(
      (a) => a?.teamId ?? [],
    );
    subjects = { agentIds: own, teamIds: teams };
  } else if (filter.agentId || filter.teamId) {
    const agent = filter.agentId ? await findAgent(db, p.orgId, filter.agentId) : null;
    subjects = {
      agentIds: filter.agentId ? [filter.agentId] : [],
      teamIds: [filter.teamId, agent?.teamId].filter((t): t is string => !!t),
    };
  }
  const rows = await listGoals(db, p.orgId, subjects);
  return { items: await Promise.all(rows.map((g) => toGoalView(db, g))) };
}

export async function removeGoal(db: Db, p: Principal, id: string): Promise<void> {
  if (!(await deleteGoal(db, p.orgId, id))) {
    throw new AppError("NOT_FOUND", { message: "No such goal in this organization" });
  }
}
