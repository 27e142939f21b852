import type { Db } from "../../db/client.ts";
import { computeClocks } from "./case-clocks.ts";
import { nextCheckOf } from "./cases.service.ts";
import * as repo from "./recompute.repo.ts";
import type { ClockPolicy } from "./sla.ts";

/**
 * Replays every open case's clocks of an organization from its history and stores the summaries,
 * in pages of `batch` cases: two reads and one write per page. For repairs (after a clock-engine
 * fix) and the benchmark; the write path keeps each case current as it changes.
 */
export async function recomputeOpenClocks(
  db: Db,
  orgId: string,
  opts: { now?: Date; batch?: number } = {},
): Promise<number> {
  const now = (opts.now ?? new Date()).getTime();
  const batch = opts.batch ?? 5_000;
  let after = "00000000-0000-0000-0000-000000000000";
  let done = 0;
  for (;;) {
    const cases = await repo.openCasesAfter(db, orgId, after, batch);
    if (cases.length === 0) return done;
    const events = await repo.clockEventsOf(
      db,
      orgId,
      cases.map((c) => c.id),
    );
    const byCase = new Map<string, repo.EventClockRow[]>();
    for (const e of events) {
      const list = byCase.get(e.case_id);
      if (list) list.push(e);
      else byCase.set(e.case_id, [e]);
    }
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    const rows = cases.map((c) => {
      const history = (byCase.get(c.id) ?? []).map((e) => ({ ...e, at: new Date(e.at) }));
      const { summary } = computeClocks(c.clock_policy as unknown as ClockPolicy, history, now);
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
    await repo.saveSummaries(db, orgId, rows);
    done += cases.length;
    after = cases.at(-1)!.id;
  }
}
