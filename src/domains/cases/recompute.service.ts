import type { Db } from "../../db/client.ts";
import type { BusinessCalendar } from "./business-hours.ts";
import { calendarFor, computeClocks } from "./case-clocks.ts";
import { nextCheckOf } from "./cases.service.ts";
import * as repo from "./recompute.repo.ts";
import type { ClockSummaryRow } from "./recompute.repo.ts";
import type { ClockPolicy } from "./sla.ts";

/** One string per summary, built the same way from stored columns (recompute.repo.ts) and here. */
function summarySignature(r: ClockSummaryRow): string {
  const state = r.clock_state
    .map((c) =>
      [c.key, c.kind, c.state, c.dueAt, c.atRiskAt, c.breachedAt]
        .filter((v) => v !== null && v !== undefined)
        .join(","),
    )
    .join(";");
  return [
    r.first_response_due_at,
    r.resolution_due_at,
    r.first_responded_at,
    r.at_risk_at,
    r.breached_at,
    r.next_check_at,
    state,
  ]
    .map((v) => v ?? "")
    .join("|");
}

export interface RecomputeStats {
  cases: number;
  written: number;
  readMs: number;
  computeMs: number;
  writeMs: number;
}

/** A page of open cases with their clock events, grouped by case. */
async function readPage(db: Db, orgId: string, after: string, batch: number) {
  const cases = await repo.openCasesAfter(db, orgId, after, batch);
  const events = cases.length
    ? await repo.clockEventsOf(
        db,
        orgId,
        cases.map((c) => c.id),
      )
    : [];
  const byCase = new Map<string, repo.EventClockRow[]>();
  for (const e of events) {
    const list = byCase.get(e.case_id);
    if (list) list.push(e);
    else byCase.set(e.case_id, [e]);
  }
  return { cases, byCase };
}

/**
 * Replays every open case's clocks of an organization from its history and stores the summaries,
 * in pages of `batch` cases: two reads and one write per page. The next page is read and the last
 * one written while a page is replayed, so the database and the replay work at once. For repairs
 * (after a clock-engine fix) and the benchmark; the write path keeps each case current as it
 * changes. `readMs` and `writeMs` are the time spent waiting for them.
 */
export async function recomputeOpenClocks(
  db: Db,
  orgId: string,
  opts: { now?: Date; batch?: number } = {},
): Promise<RecomputeStats> {
  const stats: RecomputeStats = { cases: 0, written: 0, readMs: 0, computeMs: 0, writeMs: 0 };
  const now = (opts.now ?? new Date()).getTime();
  const batch = opts.batch ?? 5_000;
  const policies = new Map<string, { policy: ClockPolicy; calendar: BusinessCalendar }>();
  const policyOf = (text: string) => {
    let found = policies.get(text);
    if (!found) {
      const policy = JSON.parse(text) as ClockPolicy;
      found = { policy, calendar: calendarFor(policy) };
      policies.set(text, found);
    }
    return found;
  };
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const waited = async <T>(p: Promise<T>, key: "readMs" | "writeMs") => {
    const t = performance.now();
    const value = await p;
    stats[key] += performance.now() - t;
    return value;
  };
  let next = readPage(db, orgId, "00000000-0000-0000-0000-000000000000", batch);
  let writing: Promise<void> = Promise.resolve();
  try {
    for (;;) {
      const { cases, byCase } = await waited(next, "readMs");
      if (cases.length === 0) break;
      next = readPage(db, orgId, cases.at(-1)!.id, batch);
      const t = performance.now();
      const rows = cases.map((c) => {
        const history = (byCase.get(c.id) ?? []).map((e) => ({ ...e, at: new Date(e.at) }));
        const { policy, calendar } = policyOf(c.clock_policy);
        const { summary } = computeClocks(policy, history, now, calendar);
        return {
          id: c.id,
          first_response_due_at: iso(summary.firstResponseDueAt),
          resolution_due_at: iso(summary.resolutionDueAt),
          first_responded_at: iso(summary.firstRespondedAt),
          at_risk_at: iso(summary.atRiskAt),
          breached_at: iso(summary.breachedAt),
          next_check_at: iso(nextCheckOf(summary)),
          clock_state: summary.clockState,
        };
      });
      // Only summaries that changed are written: a recompute that moves nothing costs no writes.
      const changed = rows.filter((r, i) => summarySignature(r) !== cases[i]!.summary);
      stats.computeMs += performance.now() - t;
      await waited(writing, "writeMs");
      writing = repo.saveSummaries(db, orgId, changed);
      stats.cases += cases.length;
      stats.written += changed.length;
    }
    await waited(writing, "writeMs");
  } finally {
    // A failed page leaves no read or write running unobserved.
    await Promise.allSettled([next, writing]);
  }
  return stats;
}
