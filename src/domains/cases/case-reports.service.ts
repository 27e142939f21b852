import { DateTime } from "luxon";
import type { Db } from "../../db/client.ts";
import * as repo from "./case-reports.repo.ts";
import { complianceBy, type ComplianceDimension } from "./case-rollups.repo.ts";

/** Case reports: SLA compliance (pre-aggregated), distributions, backlog, breaches, authority. */

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((1000 * n) / d) / 10);
const weekOf = (d: Date) => DateTime.fromJSDate(d, { zone: "UTC" }).startOf("week").toISODate()!;

export async function complianceReport(
  db: Db,
  orgId: string,
  by: ComplianceDimension,
  from: Date,
  to: Date,
) {
  const rows = await complianceBy(db, orgId, by, weekOf(from), weekOf(to));
  return {
    by,
    from: from.toISOString(),
    to: to.toISOString(),
    items: rows.map((r) => ({
      key: r.key,
      label: r.label,
      resolved: r.resolved,
      breached: r.breached,
      firstResponseCompliance: pct(r.first_response_met, r.resolved),
      resolutionCompliance: pct(r.resolution_met, r.resolved),
      meanFirstResponseMinutes: r.resolved
        ? Math.round(r.first_response_minutes / r.resolved)
        : null,
      meanResolutionMinutes: r.resolved ? Math.round(r.resolution_minutes / r.resolved) : null,
    })),
  };
}

const MINUTE_LABELS = ["< 1 h", "1–4 h", "4–8 h", "8–16 h", "16–40 h", "40–80 h", "≥ 80 h"];
const AGE_LABELS = ["< 1 day", "1–3 days", "3–7 days", "7–14 days", "14–30 days", "≥ 30 days"];

function fill<T extends { bucket: number }, P extends object>(
  labels: string[],
  rows: T[],
  pick: (r: T | undefined) => P,
): ({ label: string } & P)[] {
  return labels.map((label, i) => ({ label, ...pick(rows.find((r) => r.bucket === i)) }));
}

export async function operationsReport(db: Db, orgId: string, from: Date, now = new Date()) {
  const [first, resolution, backlog, breaches, authority] = await Promise.all([
    repo.distribution(db, orgId, "firstResponseMinutes", from),
    repo.distribution(db, orgId, "resolutionMinutes", from),
    repo.backlogAgeing(db, orgId, now),
    repo.recentBreaches(db, orgId, 50),
    repo.authorityUse(db, orgId, from),
  ]);
  return {
    timeToFirstResponse: fill(MINUTE_LABELS, first, (r) => ({ cases: r?.cases ?? 0 })),
    timeToResolution: fill(MINUTE_LABELS, resolution, (r) => ({ cases: r?.cases ?? 0 })),
    backlog: fill(AGE_LABELS, backlog, (r) => ({
      cases: r?.cases ?? 0,
      breached: r?.breached ?? 0,
    })),
    breaches: breaches.map((b) => ({
      id: b.id,
      reference: b.reference,
      title: b.title,
      status: b.status,
      severity: b.severity,
      escalationLevel: b.escalation_level,
      breachedAt: new Date(b.breached_at).toISOString(),
    })),
    authority: authority.map((a) => ({
      option: a.option,
      approved: a.approved,
      uses: a.uses,
      amount: a.amount,
      reopenRate: pct(a.reopened, a.uses),
      answeredAfter: a.answered,
      satisfiedAfterRate: pct(a.satisfied, a.answered),
    })),
  };
}
