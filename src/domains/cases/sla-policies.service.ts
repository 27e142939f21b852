import type { Db } from "../../db/client.ts";
import type { CaseSeverity, Channel } from "../../db/schema/index.ts";
import { AppError } from "../../lib/errors.ts";
import { addBusinessMinutes, compileCalendar, validateCalendar } from "./business-hours.ts";
import { validateRegime, type RegimeRef } from "./regulatory.ts";
import type { ClockPolicy } from "./sla.ts";
import { replayClocks } from "./sla.ts";
import { clockCalendar, feedsOf, refreshFeeds } from "./holiday-feeds.service.ts";
import * as repo from "./sla-policies.repo.ts";
import type {
  PolicyMatch,
  SlaPolicy,
  SlaPolicyBody,
  SlaPolicyPatch,
} from "./sla-policies.schemas.ts";

/**
 * SLA policies: an ordered list per organization; the first whose match fits a case applies, and
 * its calendar, targets and regulatory regimes are copied onto the case when it opens.
 */

/** Used when no policy matches: weekdays 09:00–17:00 UTC, 4 h to respond, 5 business days to resolve. */
export const FALLBACK_POLICY: ClockPolicy = {
  calendar: {
    timeZone: "UTC",
    hours: Object.fromEntries(
      ["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [["09:00", "17:00"]]]),
    ),
  },
  targets: { firstResponseMinutes: 240, resolutionMinutes: 5 * 8 * 60, nextResponseMinutes: 480 },
  atRiskRatio: 0.75,
};

export interface CaseAttributes {
  severity: CaseSeverity;
  channel?: Channel | null | undefined;
  category?: string | null | undefined;
  segment?: string | null | undefined;
}

const DIMENSIONS = [
  ["severities", "severity"],
  ["channels", "channel"],
  ["categories", "category"],
  ["segments", "segment"],
] as const;

function matches(match: PolicyMatch, a: CaseAttributes): boolean {
  return DIMENSIONS.every(([dim, attr]) => {
    const allowed = match[dim];
    if (!allowed || allowed.length === 0) return true;
    const value = a[attr];
    return value !== null && value !== undefined && (allowed as string[]).includes(value);
  });
}

/** True when `earlier` matches every case `later` would: `later` can never apply. */
function shadows(earlier: PolicyMatch, later: PolicyMatch): boolean {
  return DIMENSIONS.every(([dim]) => {
    const e = earlier[dim] ?? [];
    const l = later[dim] ?? [];
    return (
      e.length === 0 || (l.length > 0 && (l as string[]).every((v) => (e as string[]).includes(v)))
    );
  });
}

function clockPolicyOf(row: repo.SlaPolicyRow): ClockPolicy {
  return {
    calendar: clockCalendar(row.calendar),
    targets: row.targets as unknown as ClockPolicy["targets"],
    regulatory: row.regulatory as unknown as RegimeRef[],
    atRiskRatio: row.atRiskPercent / 100,
  };
}

/** The policy that applies to a case with these attributes, and its clock snapshot. */
export async function selectPolicy(
  db: Db,
  orgId: string,
  a: CaseAttributes,
): Promise<{ id: string | null; policy: ClockPolicy }> {
  const found = (await repo.listPolicies(db, orgId)).find((p) => matches(p.match, a));
  return found
    ? { id: found.id, policy: clockPolicyOf(found) }
    : { id: null, policy: FALLBACK_POLICY };
}

function toView(row: repo.SlaPolicyRow): SlaPolicy {
  const p = clockPolicyOf(row);
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    timeZone: p.calendar.timeZone,
    hours: p.calendar.hours as SlaPolicy["hours"],
    holidays: [...((row.calendar as { holidays?: string[] }).holidays ?? [])],
    holidayFeeds: feedsOf(row.calendar),
    holidayRegion: p.calendar.holidayRegion
      ? {
          country: p.calendar.holidayRegion.country,
          ...(p.calendar.holidayRegion.region ? { region: p.calendar.holidayRegion.region } : {}),
        }
      : null,
    targets: p.targets,
    match: row.match,
    regulatory: row.regulatory as SlaPolicy["regulatory"],
    atRiskPercent: row.atRiskPercent,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Every problem with a policy body's calendar and regimes: 400 naming each. */
function checkBody(body: SlaPolicyBody): ClockPolicy {
  const calendar = {
    timeZone: body.timeZone,
    hours: body.hours,
    holidays: body.holidays,
    holidayRegion: body.holidayRegion ?? null,
  };
  const problems = [...validateCalendar(calendar), ...body.regulatory.flatMap(validateRegime)];
  for (const r of body.regulatory)
    if (r.timeZone) problems.push(...validateCalendar({ ...calendar, timeZone: r.timeZone }));
  if (body.targets.resolutionMinutes < body.targets.firstResponseMinutes)
    problems.push("targets.resolutionMinutes: shorter than firstResponseMinutes");
  if (problems.length > 0)
    throw new AppError("VALIDATION_FAILED", {
      message: `body.${problems[0]}`,
      details: problems.map((p) => ({ path: `body.${p.split(":")[0]}`, message: p })),
    });
  return {
    calendar,
    targets: body.targets,
    regulatory: body.regulatory,
    atRiskRatio: body.atRiskPercent / 100,
  };
}

/** 409 when the position is taken or an earlier policy already matches everything this one would. */
async function checkPrecedence(
  db: Db,
  orgId: string,
  position: number,
  match: PolicyMatch,
  exceptId?: string,
) {
  const others = (await repo.listPolicies(db, orgId)).filter((p) => p.id !== exceptId);
  const same = others.find((p) => p.position === position);
  if (same)
    throw new AppError("SLA_POLICY_OVERLAP", {
      message: `position ${position} is already policy "${same.name}"`,
    });
  const earlier = others.find((p) => p.position < position && shadows(p.match, match));
  if (earlier)
    throw new AppError("SLA_POLICY_OVERLAP", {
      message: `policy "${earlier.name}" comes first and matches every case this one would: it could never apply`,
    });
  const later = others.find((p) => p.position > position && shadows(match, p.match));
  if (later)
    throw new AppError("SLA_POLICY_OVERLAP", {
      message: `this policy would match every case of the later policy "${later.name}", which could then never apply`,
    });
}

export async function listSlaPolicies(db: Db, orgId: string): Promise<SlaPolicy[]> {
  return (await repo.listPolicies(db, orgId)).map(toView);
}

export async function createSlaPolicy(db: Db, orgId: string, body: SlaPolicyBody) {
  const policy = checkBody(body);
  if (await repo.nameTaken(db, orgId, body.name))
    throw new AppError("CONFLICT", { message: `a policy is already named "${body.name}"` });
  // An explicit position that can never apply is a mistake (409). Appended without one, the policy is
  // kept and previewable, and the answer names the earlier policy that takes its cases for now.
  const position = body.position ?? (await repo.nextPosition(db, orgId));
  let shadowedBy: string | null = null;
  if (body.position !== undefined) await checkPrecedence(db, orgId, position, body.match);
  else {
    const earlier = await repo.listPolicies(db, orgId);
    shadowedBy = earlier.find((p) => shadows(p.match, body.match))?.name ?? null;
  }
  const holidayFeeds = await refreshFeeds(body.holidayFeeds, []);
  const row = await repo.insertPolicy(db, {
    orgId,
    name: body.name,
    position,
    match: body.match,
    calendar: { ...policy.calendar, holidayFeeds },
    targets: body.targets,
    regulatory: body.regulatory,
    atRiskPercent: body.atRiskPercent,
  });
  return { ...toView(row), shadowedBy };
}

async function requirePolicy(db: Db, orgId: string, id: string) {
  const row = await repo.findPolicy(db, orgId, id);
  if (!row) throw new AppError("SLA_POLICY_NOT_FOUND", { message: "No such SLA policy" });
  return row;
}

/** The stored policy as a full body, for edits that change part of it. */
function bodyOf(row: repo.SlaPolicyRow): SlaPolicyBody {
  const v = toView(row);
  return {
    name: v.name,
    timeZone: v.timeZone,
    hours: v.hours as SlaPolicyBody["hours"],
    holidays: v.holidays,
    holidayFeeds: v.holidayFeeds.map((f) => f.url),
    holidayRegion: v.holidayRegion,
    targets: v.targets,
    match: v.match,
    position: v.position,
    regulatory: row.regulatory as unknown as SlaPolicyBody["regulatory"],
    atRiskPercent: v.atRiskPercent,
  };
}

export async function updateSlaPolicy(db: Db, orgId: string, id: string, patch: SlaPolicyPatch) {
  const row = await requirePolicy(db, orgId, id);
  const body = { ...bodyOf(row), ...patch } as SlaPolicyBody;
  const policy = checkBody(body);
  if (await repo.nameTaken(db, orgId, body.name, id))
    throw new AppError("CONFLICT", { message: `a policy is already named "${body.name}"` });
  await checkPrecedence(db, orgId, body.position ?? row.position, body.match, id);
  const previous = feedsOf(row.calendar);
  const holidayFeeds = patch.holidayFeeds
    ? await refreshFeeds(patch.holidayFeeds, previous)
    : previous;
  const updated = await repo.updatePolicy(db, orgId, id, {
    name: body.name,
    position: body.position ?? row.position,
    match: body.match,
    calendar: { ...policy.calendar, holidayFeeds },
    targets: body.targets,
    regulatory: body.regulatory,
    atRiskPercent: body.atRiskPercent,
  });
  return toView(updated!);
}

export async function deleteSlaPolicy(db: Db, orgId: string, id: string) {
  if (!(await repo.deletePolicy(db, orgId, id)))
    throw new AppError("SLA_POLICY_NOT_FOUND", { message: "No such SLA policy" });
}

/** Due times for a case that would open at `openedAt` under a policy. */
export function previewDueTimes(policy: ClockPolicy, openedAt: Date) {
  const calendar = compileCalendar(policy.calendar);
  const at = openedAt.getTime();
  const clocks = replayClocks(policy, [{ type: "opened", at }], at, calendar);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    openedAt: openedAt.toISOString(),
    firstResponseDueAt: iso(addBusinessMinutes(calendar, at, policy.targets.firstResponseMinutes)),
    resolutionDueAt: iso(addBusinessMinutes(calendar, at, policy.targets.resolutionMinutes)),
    atRiskAt: iso(
      addBusinessMinutes(
        calendar,
        at,
        policy.targets.resolutionMinutes * (policy.atRiskRatio ?? 0.75),
      ),
    ),
    regulatory: clocks
      .filter((c) => c.kind === "regulatory")
      .map((c) => ({ key: c.key, label: c.label, dueAt: iso(c.dueAt!) })),
  };
}

export async function previewSlaPolicy(db: Db, orgId: string, id: string, openedAt: Date) {
  return previewDueTimes(clockPolicyOf(await requirePolicy(db, orgId, id)), openedAt);
}

/** A draft body checked like a saved one, as a clock policy (for previews against real cases). */
export function draftClockPolicy(body: SlaPolicyBody): ClockPolicy {
  return checkBody(body);
}
