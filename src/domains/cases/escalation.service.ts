import type { Db } from "../../db/client.ts";
import type { EscalationLevel } from "../../db/schema/index.ts";
import { computeClocks } from "./case-clocks.ts";
import { escalateCase } from "./case-updates.service.ts";
import * as repo from "./cases.repo.ts";
import * as history from "./case-history.repo.ts";
import { nextCheckOf } from "./cases.service.ts";
import { notifyEscalation } from "./notifications.service.ts";
import type { ClockPolicy } from "./sla.ts";

/**
 * The escalation matrix's automatic part: when a clock reaches its at-risk share the case goes to
 * the team lead, when any clock (SLA or regulatory) is breached to the manager. Each alert is an
 * `sla_alert` event keyed by its trigger (`at_risk:resolution`, `breach:fca_final` …), checked
 * under the case's row lock, so running the job twice (or in two workers) alerts once.
 */

const LEVEL_FOR: Record<"at_risk" | "breach", EscalationLevel> = {
  at_risk: "team_lead",
  breach: "manager",
};

/** Raises the alerts due on one case; returns the triggers raised now. */
export async function checkCase(db: Db, orgId: string, id: string, now = new Date()) {
  return db.transaction(async (tx) => {
    let row = await repo.lockCase(tx, orgId, id);
    if (!row) return [];
    const events = await history.listEvents(tx, orgId, id);
    const { clocks, summary } = computeClocks(
      row.clockPolicy as unknown as ClockPolicy,
      events,
      now.getTime(),
    );
    const done = new Set(events.filter((e) => e.type === "sla_alert").map((e) => e.data.trigger));
    const due: { trigger: string; kind: "at_risk" | "breach"; label: string }[] = [];
    for (const c of clocks) {
      if (c.breachedAt !== null && c.breachedAt <= now.getTime())
        due.push({ trigger: `breach:${c.key}`, kind: "breach", label: `${c.label} breached` });
      else if (
        c.kind === "sla" &&
        c.state === "running" &&
        c.atRiskAt !== null &&
        c.atRiskAt <= now.getTime()
      )
        due.push({
          // Each next-response cycle can be at risk once.
          trigger: `at_risk:${c.key}${c.cycleFrom ? `@${new Date(c.cycleFrom).toISOString()}` : ""}`,
          kind: "at_risk",
          label: `${c.label} at risk`,
        });
    }
    const raised: string[] = [];
    for (const d of due.filter((x) => !done.has(x.trigger))) {
      const [alert] = await history.appendEvents(tx, orgId, id, [
        { type: "sla_alert", at: now, data: { trigger: d.trigger, label: d.label } },
      ]);
      const escalated = await escalateCase(tx, row, LEVEL_FOR[d.kind], d.trigger, now);
      if (escalated) row = escalated;
      else await notifyEscalation(tx, row, alert!);
      raised.push(d.trigger);
    }
    await repo.updateCase(tx, orgId, id, {
      ...summary,
      nextCheckAt: nextCheckOf(summary, now.getTime()),
    });
    return raised;
  });
}

/** One pass of the escalation job over every organization's due cases. */
export async function runEscalationChecks(db: Db, now = new Date(), limit = 500) {
  const due = await repo.findDueForCheck(db, now, limit);
  let raised = 0;
  for (const c of due) raised += (await checkCase(db, c.org_id, c.id, now)).length;
  return { checked: due.length, raised };
}
