import type { CaseStatus } from "../../db/schema/cases.ts";
import {
  addBusinessMinutes,
  businessMsBetween,
  compileCalendar,
  type BusinessCalendar,
  type CalendarSpec,
} from "./business-hours.ts";
import {
  regulatoryDeadlines,
  type Milestone,
  type RegimeRef,
  type RegulatoryDeadline,
} from "./regulatory.ts";

/**
 * A case's clocks, replayed from its event history: the same events, policy snapshot and `asOf`
 * always give the same clocks. SLA clocks count business minutes of the policy's calendar and
 * pause while the case waits on the customer or a third party; regulatory clocks count their
 * jurisdiction's days from receipt and never pause. Pure: no I/O, no `Date.now()`.
 */

export type ClockEvent =
  | { type: "opened"; at: number }
  | { type: "status_changed"; at: number; to: CaseStatus }
  | { type: "responded"; at: number }
  /** The customer wrote again after a response: the next-response clock starts a new cycle. */
  | { type: "customer_replied"; at: number }
  | { type: "milestone"; at: number; milestone: Milestone };

export interface SlaTargets {
  firstResponseMinutes: number;
  resolutionMinutes: number;
  /** Each time the customer writes again after a response, the next one is due within this. */
  nextResponseMinutes?: number | undefined;
}

/** What the clocks of a case are computed from: a snapshot of its policy taken when it opened. */
export interface ClockPolicy {
  calendar: CalendarSpec;
  targets: SlaTargets;
  regulatory?: readonly RegimeRef[] | undefined;
  /** Share of a target after which the clock is at risk (default 0.75). */
  atRiskRatio?: number | undefined;
}

export type ClockState = "running" | "paused" | "met" | "breached";
export interface ClockSegment {
  from: number;
  to: number | null;
  state: "running" | "paused";
  /** Business minutes a running SLA segment counted (0 across a weekend); undefined for paused segments and regulatory clocks. */
  countedMinutes: number | undefined;
}

export interface ClockView {
  key: string;
  label: string;
  kind: "sla" | "regulatory";
  state: ClockState;
  targetMinutes: number | null;
  /** Business minutes consumed (SLA) or calendar minutes since receipt (regulatory). */
  elapsedMinutes: number;
  /** The deadline now (running) or when it stopped; null while paused. */
  dueAt: number | null;
  /** When the at-risk share is (or was) reached; null while paused and not yet reached. */
  atRiskAt: number | null;
  breachedAt: number | null;
  stoppedAt: number | null;
  segments: ClockSegment[];
  /** Next response only: when the latest cycle (customer reply) began. */
  cycleFrom?: number;
}

type Mode = "running" | "paused" | "stopped";
const WAITING: ReadonlySet<CaseStatus> = new Set(["waiting_on_customer", "waiting_on_third_party"]);
const DONE: ReadonlySet<CaseStatus> = new Set(["resolved", "closed"]);

/** How each SLA clock's mode moves with an event (`undefined`: unchanged). */
const TRANSITIONS: Record<
  "first_response" | "resolution" | "next_response",
  (e: ClockEvent, m: Mode | null) => Mode | undefined
> = {
  first_response(e, m) {
    if (m === "stopped") return undefined;
    if (e.type === "opened") return "running";
    if (e.type === "responded") return "stopped";
    if (e.type !== "status_changed") return undefined;
    if (DONE.has(e.to)) return "stopped";
    return WAITING.has(e.to) ? "paused" : "running";
  },
  resolution(e, m) {
    if (e.type === "opened") return "running";
    if (e.type !== "status_changed") return undefined;
    if (DONE.has(e.to)) return "stopped";
    if (m === "stopped" && e.to !== "reopened") return undefined;
    return WAITING.has(e.to) ? "paused" : "running";
  },
  /** One cycle per customer reply, from the reply to the next response (or the case's end). */
  next_response(e, m) {
    if (e.type === "customer_replied")
      return m === "running" || m === "paused" ? undefined : "running";
    if (m !== "running" && m !== "paused") return undefined;
    if (e.type === "responded") return "stopped";
    if (e.type !== "status_changed") return undefined;
    if (DONE.has(e.to)) return "stopped";
    return WAITING.has(e.to) ? "paused" : "running";
  },
};

/** Events in replay order: by time, then by their order in the history (stable). */
export function orderEvents(events: readonly ClockEvent[]): readonly ClockEvent[] {
  let sorted = true;
  for (let i = 1; i < events.length && sorted; i++) sorted = events[i - 1]!.at <= events[i]!.at;
  if (sorted) return events;
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at - b.e.at || a.i - b.i)
    .map((x) => x.e);
}

function segmentsOf(
  events: readonly ClockEvent[],
  step: (e: ClockEvent, m: Mode | null) => Mode | undefined,
  asOf: number,
) {
  const segments: ClockSegment[] = [];
  let mode: Mode | null = null;
  let stoppedAt: number | null = null;
  for (const e of events) {
    if (e.at > asOf) break;
    const next = step(e, mode);
    if (next === undefined || next === mode) continue;
    const open = segments.at(-1);
    if (open && open.to === null) open.to = e.at;
    // countedMinutes is set here too, so every segment has one shape (measureSla fills it in).
    if (next !== "stopped") {
      segments.push({ from: e.at, to: null, state: next, countedMinutes: undefined });
    }
    stoppedAt = next === "stopped" ? e.at : null;
    mode = next;
  }
  // Empty segments (two moves at one instant) dropped in place: this runs for every clock.
  let kept = 0;
  for (const s of segments) if (s.to === null || s.to > s.from) segments[kept++] = s;
  segments.length = kept;
  return { segments, stoppedAt };
}

function measureSla(
  cal: BusinessCalendar,
  key: string,
  label: string,
  targetMinutes: number,
  ratio: number,
  events: readonly ClockEvent[],
  step: (e: ClockEvent, m: Mode | null) => Mode | undefined,
  asOf: number,
): ClockView | null {
  const { segments, stoppedAt } = segmentsOf(events, step, asOf);
  if (segments.length === 0) return null;
  const targetMs = targetMinutes * 60_000;
  const riskMs = targetMs * ratio;
  let lastRunning: ClockSegment | undefined;
  for (const seg of segments) if (seg.state === "running") lastRunning = seg;
  let consumed = 0;
  let dueAt: number | null = null;
  let atRiskAt: number | null = null;
  let breachedAt: number | null = null;
  // One business-time measure per segment; the exact at-risk and breach instants are computed only
  // in the segment that crosses them, and the due time only in the last running segment.
  for (const seg of segments) {
    if (seg.state === "paused") continue;
    const end = seg.to ?? asOf;
    const used = businessMsBetween(cal, seg.from, end);
    seg.countedMinutes = used / 60_000;
    if (atRiskAt === null && (consumed + used >= riskMs || seg.to === null))
      atRiskAt = addBusinessMinutes(cal, seg.from, (riskMs - consumed) / 60_000);
    if (breachedAt === null && consumed + used >= targetMs)
      breachedAt = addBusinessMinutes(cal, seg.from, (targetMs - consumed) / 60_000);
    if (seg === lastRunning)
      dueAt = addBusinessMinutes(cal, seg.from, (targetMs - consumed) / 60_000);
    consumed += used;
  }
  const last = segments.at(-1)!;
  const paused = last.to === null && last.state === "paused";
  const state: ClockState =
    breachedAt !== null ? "breached" : paused ? "paused" : stoppedAt !== null ? "met" : "running";
  return {
    key,
    label,
    kind: "sla",
    state,
    targetMinutes,
    elapsedMinutes: consumed / 60_000,
    dueAt: paused ? null : dueAt,
    atRiskAt,
    breachedAt,
    stoppedAt,
    segments,
  };
}

/**
 * The next-response clock: each customer reply after a response opens a cycle with the whole
 * target, measured like the first response (paused while waiting). Shown as the latest cycle; a
 * breach of any cycle stays on the clock.
 */
function nextResponseClock(
  cal: BusinessCalendar,
  targetMinutes: number | undefined,
  ratio: number,
  events: readonly ClockEvent[],
  asOf: number,
): ClockView | null {
  if (!targetMinutes) return null;
  const cycles: ClockEvent[][] = [];
  let mode: Mode | null = null;
  for (const e of events) {
    if (e.at > asOf) break;
    const next = TRANSITIONS.next_response(e, mode);
    if (next === "running" && e.type === "customer_replied") cycles.push([]);
    if (cycles.length > 0 && next !== undefined) cycles.at(-1)!.push(e);
    mode = next ?? mode;
  }
  // The cycles' measures folded in one pass (this runs for every case with a customer reply).
  let last: ClockView | null = null;
  let breachedAt: number | null = null;
  const segments: ClockSegment[] = [];
  for (const cycle of cycles) {
    const view = measureSla(
      cal,
      "next_response",
      "Next response",
      targetMinutes,
      ratio,
      cycle,
      TRANSITIONS.next_response,
      asOf,
    );
    if (view === null) continue;
    last = view;
    if (view.breachedAt !== null && (breachedAt === null || view.breachedAt < breachedAt))
      breachedAt = view.breachedAt;
    for (const seg of view.segments) segments.push(seg);
  }
  if (last === null) return null;
  const cycleFrom = last.segments[0]!.from;
  // An earlier cycle's breach marks a met clock; a running or paused cycle keeps counting.
  if (last.state === "met" && breachedAt !== null) last.state = "breached";
  last.breachedAt = breachedAt;
  last.segments = segments;
  last.cycleFrom = cycleFrom;
  return last;
}

const NO_MILESTONES: ReadonlyMap<Milestone, number> = new Map();
const deadlinesOfRefs = new WeakMap<readonly RegimeRef[], RegulatoryDeadline[]>();

/** A policy's regulatory deadlines, kept per policy object (a bulk recompute shares one). */
function deadlinesOf(refs: readonly RegimeRef[]): RegulatoryDeadline[] {
  let found = deadlinesOfRefs.get(refs);
  if (!found) {
    found = refs.flatMap(regulatoryDeadlines);
    deadlinesOfRefs.set(refs, found);
  }
  return found;
}

function regulatoryClocks(
  refs: readonly RegimeRef[],
  events: readonly ClockEvent[],
  asOf: number,
): ClockView[] {
  let opened: ClockEvent | undefined;
  for (const e of events)
    if (e.type === "opened") {
      opened = e;
      break;
    }
  if (!opened || opened.at > asOf) return [];
  let milestones = NO_MILESTONES;
  for (const e of events)
    if (e.type === "milestone" && e.at <= asOf && !milestones.has(e.milestone)) {
      if (milestones === NO_MILESTONES) milestones = new Map();
      (milestones as Map<Milestone, number>).set(e.milestone, e.at);
    }
  const clocks: ClockView[] = [];
  for (const d of deadlinesOf(refs)) {
    let stoppedAt: number | null = null;
    for (const m of d.stopsOn) {
      const t = milestones.get(m);
      if (t !== undefined && (stoppedAt === null || t < stoppedAt)) stoppedAt = t;
    }
    const dueAt = d.dueAt(opened.at, milestones);
    const end = stoppedAt ?? asOf;
    const breachedAt = dueAt <= end ? dueAt : null;
    clocks.push({
      key: d.key,
      label: d.label,
      kind: "regulatory",
      state: breachedAt !== null ? "breached" : stoppedAt !== null ? "met" : "running",
      targetMinutes: null,
      elapsedMinutes: (end - opened.at) / 60_000,
      dueAt,
      atRiskAt: null,
      breachedAt,
      stoppedAt,
      segments: [{ from: opened.at, to: stoppedAt, state: "running", countedMinutes: undefined }],
    });
  }
  return clocks;
}

/**
 * Every clock of a case as of `asOf`, replayed from its events.
 * @example replayClocks(policy, [{ type: "opened", at: Date.parse("2026-03-27T16:00:00Z") }], now)
 */
export function replayClocks(
  policy: ClockPolicy,
  events: readonly ClockEvent[],
  asOf: number,
  calendar: BusinessCalendar = compileCalendar(policy.calendar),
): ClockView[] {
  const ordered = orderEvents(events);
  const ratio = policy.atRiskRatio ?? 0.75;
  const clocks: ClockView[] = [];
  for (const clock of [
    measureSla(
      calendar,
      "first_response",
      "First response",
      policy.targets.firstResponseMinutes,
      ratio,
      ordered,
      TRANSITIONS.first_response,
      asOf,
    ),
    measureSla(
      calendar,
      "resolution",
      "Resolution",
      policy.targets.resolutionMinutes,
      ratio,
      ordered,
      TRANSITIONS.resolution,
      asOf,
    ),
    nextResponseClock(calendar, policy.targets.nextResponseMinutes, ratio, ordered, asOf),
  ])
    if (clock !== null) clocks.push(clock);
  if (policy.regulatory?.length) clocks.push(...regulatoryClocks(policy.regulatory, ordered, asOf));
  return clocks;
}
