import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import type { Principal } from "../../lib/principal.ts";
import { assertCanSeeAgent, ownAgentIds } from "./access.ts";
import {
  findCoaching,
  findQaCoachingNotes,
  insertCoaching,
  listCoaching,
  updateCoaching,
  type CoachingRow,
} from "./coaching.repo.ts";
import { sumsOf } from "./measure.service.ts";
import { isMetricKey, METRICS, type MetricKey } from "./metrics.ts";
import { buildAgentScorecard } from "./people.service.ts";
import { findAgent, findExamples, type AgentRow } from "./people.repo.ts";
import { addDays, resolvePeriod, weekOf, type Period } from "./period.ts";
import { orgMeans } from "./scorecards.service.ts";
import { readPeopleSettings } from "./settings.ts";
import { compareMeans, estimate, type Interval } from "./stats.ts";

/** Weeks compared before and after a session to measure its effect. */
export const EFFECT_WEEKS = 4;

async function requireVisibleAgent(db: Db, p: Principal, agentId: string) {
  const agent = await findAgent(db, p.orgId, agentId);
  if (!agent) throw new AppError("NOT_FOUND", { message: "No such agent in this organization" });
  await assertCanSeeAgent(db, p, agentId, await readPeopleSettings(db, p.orgId));
  return agent;
}

/**
 * A session's agenda from the agent's scorecard: the metrics whose adjusted value falls furthest
 * short of the org's mean (clearly short first), each with the best and worst conversations to
 * go through, and the agent's QA coaching notes to follow up on.
 */
export async function draftAgenda(
  db: Db,
  p: Principal,
  agentId: string,
  q: { from?: string | undefined; to?: string | undefined },
) {
  const agent = await requireVisibleAgent(db, p, agentId);
  return buildAgenda(db, p.orgId, agent, resolvePeriod(q.from, q.to));
}

/** The agenda of an agent already known visible (the demo seeds one too). */
export async function buildAgenda(db: Db, orgId: string, agent: AgentRow, period: Period) {
  const card = await buildAgentScorecard(
    db,
    orgId,
    agent,
    period,
    await readPeopleSettings(db, orgId),
  );
  const gaps = card.metrics
    .filter((m) => m.adjusted !== null && m.orgMean !== null)
    .map((m) => {
      const pts = (v: number) => METRICS[m.key].points(v, m.orgMean!);
      return { m, gap: pts(m.adjusted!) - pts(m.orgMean!) };
    })
    .filter((g) => g.gap < 0)
    .sort(
      (a, b) =>
        Number(b.m.significance === "worse") - Number(a.m.significance === "worse") ||
        a.gap - b.gap,
    )
    .slice(0, 3);
  const items = await Promise.all(
    gaps.map(async ({ m, gap }) => {
      const q2 = {
        orgId,
        agentId: agent.id,
        column: METRICS[m.key].column,
        from: period.from,
        to: period.to,
        limit: 2,
      };
      const higher = METRICS[m.key].higherIsBetter;
      const [best, worst] = await Promise.all([
        findExamples(db, { ...q2, best: higher }),
        findExamples(db, { ...q2, best: !higher }),
      ]);
      return { ...m, gapPoints: gap, best, worst };
    }),
  );
  return {
    agentId: agent.id,
    period,
    items,
    qaCoachingNotes: await findQaCoachingNotes(db, orgId, agent.id),
  };
}

export interface CreateCoachingInput {
  agentId: string;
  metric: string;
  heldOn?: string | undefined;
  followUpOn?: string | null | undefined;
  notes?: string | undefined;
  commitments?: string[] | undefined;
  qaCoachingNoteIds?: string[] | undefined;
  agenda?: Record<string, unknown>[] | undefined;
}

export async function createCoaching(db: Db, p: Principal, input: CreateCoachingInput) {
  if (!isMetricKey(input.metric)) {
    throw new AppError("VALIDATION_FAILED", {
      message: `Unknown scorecard metric '${input.metric}'`,
    });
  }
  await requireVisibleAgent(db, p, input.agentId);
  const agenda = input.agenda ?? (await draftAgenda(db, p, input.agentId, {})).items;
  const row = await insertCoaching(db, {
    orgId: p.orgId,
    agentId: input.agentId,
    coachUserId: p.kind === "session" ? p.userId : null,
    metric: input.metric,
    heldOn: input.heldOn ?? new Date().toISOString().slice(0, 10),
    followUpOn: input.followUpOn ?? null,
    agenda: agenda as unknown as Record<string, unknown>[],
    notes: input.notes ?? "",
    commitments: input.commitments ?? [],
    qaCoachingNoteIds: input.qaCoachingNoteIds ?? [],
  });
  return toCoachingView(db, row);
}

export interface Effect {
  metric: MetricKey;
  before: { from: string; to: string; adjusted: number | null; ci95: Interval | null; n: number };
  after: { from: string; to: string; adjusted: number | null; ci95: Interval | null; n: number };
  difference: number | null;
  differenceCi95: Interval | null;
  verdict: "improved" | "worsened" | "no_clear_change" | "too_early";
}

function weeksPeriod(fromWeek: string, toWeek: string): Period {
  return { from: fromWeek, to: addDays(toWeek, 6), fromWeek, toWeek };
}

/**
 * The coached metric's adjusted value over the 4 whole weeks before the session's week and the
 * (up to) 4 whole weeks after it, with the difference and its 95 % interval (Welch).
 */
export async function measureEffect(
  db: Db,
  orgId: string,
  s: CoachingRow,
  now = new Date(),
): Promise<Effect> {
  const metric = s.metric as MetricKey;
  const sessionWeek = weekOf(new Date(`${s.heldOn}T00:00:00Z`));
  const lastWhole = addDays(weekOf(now), -7);
  const before = weeksPeriod(addDays(sessionWeek, -7 * EFFECT_WEEKS), addDays(sessionWeek, -7));
  const afterEnd = addDays(sessionWeek, 7 * EFFECT_WEEKS);
  const after = weeksPeriod(addDays(sessionWeek, 7), afterEnd < lastWhole ? afterEnd : lastWhole);
  const subject = { scope: "agent" as const, agentId: s.agentId };
  const [sb, means] = await Promise.all([
    sumsOf(db, orgId, subject, metric, before),
    orgMeans(db, orgId, before),
  ]);
  const tooEarly = after.fromWeek > after.toWeek;
  const sa = tooEarly ? null : await sumsOf(db, orgId, subject, metric, after);
  const mean = means.get(metric) ?? null;
  const { binary, range } = METRICS[metric];
  const eb = estimate(sb, mean, binary, range);
  const ea = sa ? estimate(sa, mean, binary, range) : null;
  const cmp = sa ? compareMeans(sb, sa, METRICS[metric].higherIsBetter) : null;
  const good = (d: number) => (METRICS[metric].higherIsBetter ? d > 0 : d < 0);
  const verdict: Effect["verdict"] = !cmp
    ? "too_early"
    : cmp.ci95[0] > 0 || cmp.ci95[1] < 0
      ? good(cmp.difference)
        ? "improved"
        : "worsened"
      : "no_clear_change";
  return {
    metric,
    before: {
      from: before.from,
      to: before.to,
      adjusted: eb.adjusted,
      ci95: eb.adjustedCi95,
      n: eb.n,
    },
    after: {
      from: after.from,
      to: after.to,
      adjusted: ea?.adjusted ?? null,
      ci95: ea?.adjustedCi95 ?? null,
      n: ea?.n ?? 0,
    },
    difference: cmp?.difference ?? null,
    differenceCi95: cmp?.ci95 ?? null,
    verdict,
  };
}

async function toCoachingView(db: Db, s: CoachingRow) {
  const agent = await findAgent(db, s.orgId, s.agentId);
  return {
    id: s.id,
    agentId: s.agentId,
    agentName: agent?.name ?? "",
    coachUserId: s.coachUserId,
    metric: s.metric,
    label: isMetricKey(s.metric) ? METRICS[s.metric].label : s.metric,
    heldOn: s.heldOn,
    followUpOn: s.followUpOn,
    agenda: s.agenda,
    notes: s.notes,
    commitments: s.commitments,
    qaCoachingNoteIds: s.qaCoachingNoteIds,
    effect: await measureEffect(db, s.orgId, s),
  };
}

export async function getCoaching(db: Db, p: Principal, id: string) {
  const row = await findCoaching(db, p.orgId, id);
  if (!row) throw new AppError("NOT_FOUND", { message: "No such coaching session" });
  await assertCanSeeAgent(db, p, row.agentId, await readPeopleSettings(db, p.orgId));
  if (
    p.kind === "session" &&
    p.role === "agent" &&
    !(await ownAgentIds(db, p)).includes(row.agentId)
  ) {
    throw new AppError("FORBIDDEN", {
      message: "Coaching sessions are private to the agent and coaches",
    });
  }
  return toCoachingView(db, row);
}

export async function patchCoaching(
  db: Db,
  p: Principal,
  id: string,
  patch: {
    notes?: string | undefined;
    commitments?: string[] | undefined;
    followUpOn?: string | null | undefined;
  },
) {
  const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const row = await updateCoaching(db, p.orgId, id, clean);
  if (!row) throw new AppError("NOT_FOUND", { message: "No such coaching session" });
  return toCoachingView(db, row);
}

/**
 * Sessions with their measured effect. An agent sees only their own (coaching is private to the
 * agent and coaches, whatever the org's scorecard opt-in); `mine` lists the sessions you coached.
 */
export async function listCoachingViews(
  db: Db,
  p: Principal,
  f: { agentId?: string | undefined; mine?: boolean | undefined },
) {
  let agentIds = f.agentId ? [f.agentId] : undefined;
  if (p.kind === "session" && p.role === "agent") {
    const own = await ownAgentIds(db, p);
    agentIds = agentIds ? agentIds.filter((id) => own.includes(id)) : own;
  }
  const coachUserId = f.mine && p.kind === "session" ? p.userId : undefined;
  const rows = await listCoaching(db, p.orgId, { agentIds, coachUserId });
  return { items: await Promise.all(rows.map((r) => toCoachingView(db, r))) };
}
