import { createHash } from "node:crypto";
import type { Db } from "../../db/client.ts";
import type { CaseStatus } from "../../db/schema/index.ts";
import type { BusinessCalendar } from "./business-hours.ts";
import { calendarFor, summaryOf, type ClockSummary } from "./case-clocks.ts";
import { nextCheckOf } from "./cases.service.ts";
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

/** The clock events of a case from the compact `type,epochMs,detail;…` string the page carries. */
function parseEvents(text: string | null): ClockEvent[] {
  const out: ClockEvent[] = [];
  if (!text) return out;
  for (const part of text.split(";")) {
    const [type, ms, detail = ""] = part.split(",");
    const at = Number(ms);
    if (type === "status_changed") out.push({ type, at, to: detail as CaseStatus });
    else if (type === "milestone") out.push({ type, at, milestone: detail as Milestone });
    else out.push({ type: type as "opened" | "responded" | "customer_replied", at });
  }
  return out;
}

/**
 * A value as PostgreSQL prints jsonb (keys ordered by length, then bytes; `", "` and `": "`), so
 * a fresh clock state can be compared with the md5 of the stored text without reading it. Should
 * the database ever print differently, unchanged summaries are merely written again.
 */
export function jsonbText(value: unknown): string {
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ", " : "") + jsonbText(value[i]);
    return out + "]";
  }
  if (typeof value === "number") return String(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  const record = value as Record<string, unknown>;
  const order = keyOrder(record);
  let out = "{";
  for (let i = 0; i < order.length; i++)
    out += (i > 0 ? ", " : "") + order[i]![1] + jsonbText(record[order[i]![0]]);
  return out + "}";
}

const keyOrders = new Map<string, [string, string][]>();

/** An object's keys in jsonb order with their printed `"key": ` prefix, cached by key set. */
function keyOrder(record: Record<string, unknown>): [string, string][] {
  const keys = Object.keys(record);
  const signature = keys.join("\u0000");
  let order = keyOrders.get(signature);
  if (!order) {
    if (keyOrders.size > 1_000) keyOrders.clear();
    order = keys
      .sort((a, b) => a.length - b.length || (a < b ? -1 : 1))
      .map((k) => [k, `${JSON.stringify(k)}: `]);
    keyOrders.set(signature, order);
  }
  return order;
}

function instantsOf(summary: ClockSummary): (number | null)[] {
  const ms = (d: Date | null) => (d ? d.getTime() : null);
  return [
    ms(summary.firstResponseDueAt),
    ms(summary.resolutionDueAt),
    ms(summary.firstRespondedAt),
    ms(summary.atRiskAt),
    ms(summary.breachedAt),
    ms(nextCheckOf(summary)),
  ];
}

/**
 * Whether a fresh summary equals the stored one: the instants first, then the state by the md5 of
 * its jsonb text (the database keeps that md5 beside the state, so no state is read back).
 */
function unchanged(c: repo.OpenCaseClockRow, instants: (number | null)[], summary: ClockSummary) {
  return (
    instants.map((t) => (t === null ? "" : String(t))).join(",") === c.stored &&
    createHash("md5").update(jsonbText(summary.clockState)).digest("hex") === c.clock_key
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
    const summary = summaryOf(replayClocks(policy, parseEvents(c.events), now, calendar));
    const instants = instantsOf(summary);
    if (!unchanged(c, instants, summary))
      changed.push({ id: c.id, instants, clock_state: summary.clockState });
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
