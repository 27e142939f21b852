import { DateTime } from "luxon";
import type { CaseStatus } from "../../db/schema/index.ts";
import { NO_TEAM, type RollupFacts } from "./case-rollups.repo.ts";
import { compileCalendar, type BusinessCalendar } from "./business-hours.ts";
import type { Milestone } from "./regulatory.ts";
import { replayClocks, type ClockEvent, type ClockPolicy, type ClockView } from "./sla.ts";

/**
 * The bridge between stored case events and the pure clock engine, and the summary of the clocks
 * stored on the case row for lists, queues and reports.
 */

export interface StoredEvent {
  type: string;
  at: Date;
  data: Record<string, unknown>;
}

/** The events that move clocks; the rest (notes, assignments …) do not. */
export function clockEventsOf(events: readonly StoredEvent[]): ClockEvent[] {
  const out: ClockEvent[] = [];
  for (const e of events) {
    const at = e.at.getTime();
    if (e.type === "opened") out.push({ type: "opened", at });
    else if (e.type === "responded") out.push({ type: "responded", at });
    else if (e.type === "customer_replied") out.push({ type: "customer_replied", at });
    else if (e.type === "status_changed")
      out.push({ type: "status_changed", at, to: e.data.to as CaseStatus });
    else if (e.type === "milestone")
      out.push({ type: "milestone", at, milestone: e.data.milestone as Milestone });
  }
  return out;
}

const calendars = new Map<string, BusinessCalendar>();
/** Compiled calendars are cached by their JSON: thousands of cases share a handful of calendars. */
export function calendarFor(policy: ClockPolicy): BusinessCalendar {
  const key = JSON.stringify(policy.calendar);
  let cal = calendars.get(key);
  if (!cal) {
    if (calendars.size > 500) calendars.clear();
    cal = compileCalendar(policy.calendar);
    calendars.set(key, cal);
  }
  return cal;
}

export interface ClockSummary {
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstRespondedAt: Date | null;
  atRiskAt: Date | null;
  breachedAt: Date | null;
  clockState: Record<string, unknown>[];
}

const toDate = (ms: number | null) => (ms === null ? null : new Date(ms));

/** Replays a case's events into its clocks and their stored summary. */
export function computeClocks(
  policy: ClockPolicy,
  events: readonly StoredEvent[],
  asOf: number,
  calendar: BusinessCalendar = calendarFor(policy),
): { clocks: ClockView[]; summary: ClockSummary } {
  const clocks = replayClocks(policy, clockEventsOf(events), asOf, calendar);
  return { clocks, summary: summaryOf(clocks) };
}

/** A summary with its instants as epoch ms, as the bulk recompute compares them. */
export type ClockSummaryMs = {
  [K in keyof ClockSummary]: ClockSummary[K] extends Date | null ? number | null : ClockSummary[K];
};

/** What the case row stores of its clocks, for lists, queues and reports. */
export function summaryOf(clocks: readonly ClockView[]): ClockSummary {
  const s = summaryMsOf(clocks);
  return {
    firstResponseDueAt: toDate(s.firstResponseDueAt),
    resolutionDueAt: toDate(s.resolutionDueAt),
    firstRespondedAt: toDate(s.firstRespondedAt),
    atRiskAt: toDate(s.atRiskAt),
    breachedAt: toDate(s.breachedAt),
    clockState: s.clockState,
  };
}

/** `summaryOf` before its instants become dates. */
export function summaryMsOf(clocks: readonly ClockView[]): ClockSummaryMs {
  let first: ClockView | undefined;
  let resolution: ClockView | undefined;
  let atRisk: number | null = null;
  let breached: number | null = null;
  const clockState: Record<string, unknown>[] = [];
  // One pass: this runs for every case of a bulk recompute.
  for (const c of clocks) {
    if (c.key === "first_response") first = c;
    else if (c.key === "resolution") resolution = c;
    if (c.kind === "sla" && c.state === "running" && c.atRiskAt !== null)
      atRisk = atRisk === null ? c.atRiskAt : Math.min(atRisk, c.atRiskAt);
    if (c.breachedAt !== null)
      breached = breached === null ? c.breachedAt : Math.min(breached, c.breachedAt);
    clockState.push({
      key: c.key,
      kind: c.kind,
      state: c.state,
      dueAt: c.dueAt,
      atRiskAt: c.atRiskAt,
      breachedAt: c.breachedAt,
      stoppedAt: c.stoppedAt,
    });
  }
  return {
    firstResponseDueAt: first?.dueAt ?? null,
    resolutionDueAt: resolution?.dueAt ?? null,
    firstRespondedAt: first?.state === "met" || first?.stoppedAt ? first.stoppedAt : null,
    atRiskAt: atRisk,
    breachedAt: breached,
    clockState,
  };
}

/**
 * When the escalation job next looks at a case: the earliest at-risk or due instant after `after`
 * of a running clock in the stored state (epoch ms), null when none.
 */
export function nextCheckMs(clockState: readonly Record<string, unknown>[], after = -Infinity) {
  let next = Infinity;
  for (const c of clockState) {
    if (c.state !== "running") continue;
    const { atRiskAt, dueAt } = c;
    if (typeof atRiskAt === "number" && atRiskAt > after && atRiskAt < next) next = atRiskAt;
    if (typeof dueAt === "number" && dueAt > after && dueAt < next) next = dueAt;
  }
  return next === Infinity ? null : next;
}

/** A clock as the API shows it: instants as ISO-8601. */
export function clockJson(c: ClockView) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    key: c.key,
    label: c.label,
    kind: c.kind,
    state: c.state,
    targetMinutes: c.targetMinutes,
    elapsedMinutes: Math.round(c.elapsedMinutes * 100) / 100,
    dueAt: iso(c.dueAt),
    atRiskAt: iso(c.atRiskAt),
    breachedAt: iso(c.breachedAt),
    stoppedAt: iso(c.stoppedAt),
    segments: c.segments.map((s) => ({
      from: iso(s.from)!,
      to: iso(s.to),
      state: s.state,
      countedMinutes:
        s.countedMinutes === undefined ? null : Math.round(s.countedMinutes * 100) / 100,
    })),
  };
}

/** What a resolved case adds to the compliance rollups: its ISO week (Monday, UTC) and clocks. */
export function rollupFacts(
  c: {
    resolvedAt: Date | null;
    closedAt: Date | null;
    teamId: string | null;
    channel: string | null;
    category: string | null;
  },
  clocks: readonly ClockView[],
  summary: ClockSummary,
  now: number,
): RollupFacts {
  const at = c.resolvedAt ?? c.closedAt ?? new Date(now);
  const first = clocks.find((k) => k.key === "first_response");
  const resolution = clocks.find((k) => k.key === "resolution");
  return {
    week: DateTime.fromJSDate(at, { zone: "UTC" }).startOf("week").toISODate()!,
    teamId: c.teamId ?? NO_TEAM,
    channel: c.channel ?? "",
    category: c.category ?? "",
    resolved: 1,
    firstResponseMet: first?.state === "met" ? 1 : 0,
    resolutionMet: resolution?.state === "met" ? 1 : 0,
    breached: summary.breachedAt !== null ? 1 : 0,
    firstResponseMinutes: first?.elapsedMinutes ?? 0,
    resolutionMinutes: resolution?.elapsedMinutes ?? 0,
  };
}
