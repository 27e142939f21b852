import { hash } from "node:crypto";
import type { Db } from "../../db/client.ts";
import { clockStateText, type CaseStatus } from "../../db/schema/index.ts";
import type { BusinessCalendar } from "./business-hours.ts";
import { calendarFor, nextCheckMs, summaryMsOf, type ClockSummaryMs } from "./case-clocks.ts";
import * as repo from "./recompute.repo.ts";
import type { Milestone } from "./regulatory.ts";
import { replayClocks, type ClockEvent, type ClockPolicy } from "./sla.ts";

export interface RecomputeStats {
  cases: number;
  written: number;
  readMs: number;
  computeMs: number;
  writeMs: number;
}

/** `ClockEvent` types by the first letter of their name (the five the page reads differ in it). */
const EVENT_TYPES: Record<string, ClockEvent["type"]> = {
  o: "opened",
  s: "status_changed",
  r: "responded",
  c: "customer_replied",
  m: "milestone",
};

/**
 * The clock events of a case from the compact `type,epochMs,detail;…` string the page carries,
 * scanned in place: splitting it made three arrays and a string per event, and this runs for
 * every event of every open case.
 */
function parseEvents(text: string | null): ClockEvent[] {
  const out: ClockEvent[] = [];
  if (!text) return out;
  for (let i = 0; i < text.length; i++) {
    const type = EVENT_TYPES[text[i]!]!;
    i = text.indexOf(",", i) + 1;
    let at = 0;
    const negative = text.charCodeAt(i) === 45; // "-": an instant before 1970
    if (negative) i++;
    for (let d = text.charCodeAt(i); d >= 48 && d <= 57; d = text.charCodeAt(++i))
      at = at * 10 + d - 48;
    if (negative) at = -at;
    let end = text.indexOf(";", ++i);
    if (end < 0) end = text.length;
    if (type === "status_changed") out.push({ type, at, to: text.slice(i, end) as CaseStatus });
    else if (type === "milestone")
      out.push({ type, at, milestone: text.slice(i, end) as Milestone });
    else out.push({ type, at });
    i = end;
  }
  return out;
}

/** The six instants stored beside the state (`case_clocks`' columns, in `saveSummaries` order). */
function instantsOf(summary: ClockSummaryMs): (number | null)[] {
  return [
    summary.firstResponseDueAt,
    summary.resolutionDueAt,
    summary.firstRespondedAt,
    summary.atRiskAt,
    summary.breachedAt,
    nextCheckMs(summary.clockState),
  ];
}

/**
 * Whether a fresh summary equals the stored one: the instants first, then the state by the md5 of
 * its stored text (the read carries only that md5, so no state is read back).
 */
function unchanged(stored: string | null, instants: (number | null)[], stateText: string) {
  if (stored === null) return false;
  let text = "";
  for (const t of instants) text += t === null ? "," : `,${t}`;
  // `stored` is the 32 hex digits of the md5, then the instants, each after a comma.
  return (
    stored.length === 32 + text.length &&
    stored.endsWith(text) &&
    stored.startsWith(hash("md5", stateText))
  );
}

type Compiled = { policy: ClockPolicy; calendar: BusinessCalendar };

/** The policies of a page not seen before, fetched once each (by one case that carries it). */
async function learnPolicies(
  db: Db,
  orgId: string,
  cases: readonly repo.OpenCaseClockRow[],
  known: Map<string, Compiled>,
) {
  const unknown = new Map<string, string>();
  for (const c of cases) if (!known.has(c.policy_key)) unknown.set(c.policy_key, c.id);
  if (unknown.size === 0) return;
  for (const row of await repo.policiesOf(db, orgId, [...unknown.values()])) {
    const policy = JSON.parse(row.clock_policy) as ClockPolicy;
    known.set(row.policy_key, { policy, calendar: calendarFor(policy) });
  }
}

/** Replays a page; returns the summaries that differ from the stored ones. */
function replayPage(
  cases: readonly repo.OpenCaseClockRow[],
  policies: ReadonlyMap<string, Compiled>,
  now: number,
): repo.ClockSummaryRow[] {
  const changed: repo.ClockSummaryRow[] = [];
  for (const c of cases) {
    const { policy, calendar } = policies.get(c.policy_key)!;
    const summary = summaryMsOf(replayClocks(policy, parseEvents(c.events), now, calendar));
    const instants = instantsOf(summary);
    // As stored text at once: a page's summaries wait for their write, and a string costs the
    // garbage collector less than the objects it was made from.
    const state = clockStateText(summary.clockState);
    if (!unchanged(c.stored, instants, state))
      changed.push({ id: c.id, instants, clock_state: state });
  }
  return changed;
}

/**
 * Replays every open case's clocks of an organization from its history and stores the summaries
 * that changed, in pages of `batch` cases (one read each, policies fetched once). Two pages are
 * read ahead while one is replayed, and up to two pages' writes run at once, so the database and
 * the replay work side by side. For repairs (after a clock-engine fix) and the benchmark; the write
 * path keeps each case current as it changes. `readMs` and `writeMs` are time spent waiting.
 */
export async function recomputeOpenClocks(
  db: Db,
  orgId: string,
  opts: { now?: Date; batch?: number } = {},
): Promise<RecomputeStats> {
  const stats: RecomputeStats = { cases: 0, written: 0, readMs: 0, computeMs: 0, writeMs: 0 };
  const now = (opts.now ?? new Date()).getTime();
  const batch = opts.batch ?? 5_000;
  const policies = new Map<string, Compiled>();
  const waited = async <T>(p: Promise<T>, key: "readMs" | "writeMs") => {
    const t = performance.now();
    const value = await p;
    stats[key] += performance.now() - t;
    return value;
  };
  const readPage = async ({ from, to }: { from: string; to: string | null }) => {
    const cases = await repo.openCasesIn(db, orgId, from, to);
    await learnPolicies(db, orgId, cases, policies);
    return cases;
  };
  // Pages are id ranges fixed up front, so two can be read at once (no page waits for the last
  // id of the one before), and a case opened meanwhile still falls into one of them.
  const bounds = await repo.pageBounds(db, orgId, batch);
  const ranges = ["00000000-0000-0000-0000-000000000000", ...bounds].map((from, i) => ({
    from,
    to: bounds[i] ?? null,
  }));
  const reads: Promise<repo.OpenCaseClockRow[]>[] = [];
  const writes: Promise<void>[] = [];
  const readAhead = () => {
    while (reads.length < 2 && ranges.length > 0) reads.push(readPage(ranges.shift()!));
  };
  try {
    readAhead();
    while (reads.length > 0) {
      const cases = await waited(reads.shift()!, "readMs");
      readAhead();
      const t = performance.now();
      const changed = replayPage(cases, policies, now);
      stats.computeMs += performance.now() - t;
      if (writes.length >= 2) await waited(writes.shift()!, "writeMs");
      writes.push(repo.saveSummaries(db, orgId, changed));
      stats.cases += cases.length;
      stats.written += changed.length;
    }
    await waited(Promise.all(writes), "writeMs");
  } finally {
    // A failed page leaves no read or write running unobserved.
    await Promise.allSettled([...reads, ...writes]);
  }
  return stats;
}
