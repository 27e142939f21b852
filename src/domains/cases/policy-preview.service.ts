import type { Db } from "../../db/client.ts";
import { computeClocks } from "./case-clocks.ts";
import * as repo from "./cases.repo.ts";
import * as history from "./case-history.repo.ts";
import type { SlaPolicyBody } from "./sla-policies.schemas.ts";
import { draftClockPolicy } from "./sla-policies.service.ts";

/**
 * An admin's draft policy or calendar replayed against real open cases before it is saved: each
 * case's history runs through the draft's clocks beside the due times it has now.
 */
export async function previewPolicyOnCases(
  db: Db,
  orgId: string,
  draft: SlaPolicyBody,
  limit: number,
  now = Date.now(),
) {
  const policy = draftClockPolicy(draft);
  const rows = await repo.listCases(db, { orgId, openOnly: true, limit });
  const items = [];
  for (const row of rows) {
    const events = await history.listEvents(db, orgId, row.id);
    const { clocks, summary } = computeClocks(policy, events, now);
    const resolution = clocks.find((c) => c.key === "resolution");
    items.push({
      caseId: row.id,
      reference: row.reference,
      title: row.title,
      current: {
        firstResponseDueAt: row.firstResponseDueAt?.toISOString() ?? null,
        resolutionDueAt: row.resolutionDueAt?.toISOString() ?? null,
      },
      proposed: {
        firstResponseDueAt: summary.firstResponseDueAt?.toISOString() ?? null,
        resolutionDueAt: summary.resolutionDueAt?.toISOString() ?? null,
        state: resolution?.state ?? "met",
      },
    });
  }
  return { items };
}
