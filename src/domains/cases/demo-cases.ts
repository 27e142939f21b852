import { DateTime } from "luxon";
import type { Db } from "../../db/client.ts";
import type { CaseSeverity } from "../../db/schema/index.ts";
import { listTeams } from "../orgs/index.ts";
import { replaceAuthorityLimits } from "./authority.service.ts";
import { recordResponse, updateCase } from "./case-updates.service.ts";
import { appendEvents } from "./case-history.repo.ts";
import { lockCase, updateCaseVersioned, type CaseRow } from "./cases.repo.ts";
import { openCase } from "./cases.service.ts";
import { createRootCause } from "./root-causes.service.ts";
import { createSlaPolicy } from "./sla-policies.service.ts";

/**
 * The demo organization's cases setup: two SLA policies (a regulated one with FCA and PSD2 clocks,
 * and UK office hours with a lunch break and Saturday mornings), a root-cause taxonomy, authority
 * limits, a breached case, an executive escalation and resolved cases over eight weeks for the
 * reports. Complaint cases from the demo conversations open by themselves once they are analysed.
 */

const OFFICE: [string, string][] = [
  ["08:00", "12:30"],
  ["13:30", "18:00"],
];
const weekdays = { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE };

const ROOT_CAUSES: [string, string, string | null][] = [
  ["billing", "Billing", null],
  ["billing.double-charge", "Charged twice", "billing"],
  ["billing.refund-delay", "Refund delayed", "billing"],
  ["delivery", "Delivery", null],
  ["delivery.late", "Late delivery", "delivery"],
  ["delivery.lost", "Lost parcel", "delivery"],
  ["service", "Service", null],
  ["service.no-callback", "Promised callback never came", "service"],
];

export async function seedDemoCases(db: Db, orgId: string, now = new Date()): Promise<void> {
  const base = {
    holidays: [],
    holidayFeeds: [],
    holidayRegion: { country: "GB", region: "ENG" },
    atRiskPercent: 75,
  };
  await createSlaPolicy(db, orgId, {
    ...base,
    name: "Regulated payment complaints",
    timeZone: "Europe/London",
    hours: weekdays,
    targets: { firstResponseMinutes: 120, resolutionMinutes: 2400, nextResponseMinutes: 240 },
    match: { categories: ["payments"] },
    position: 10,
    regulatory: [{ regime: "uk_fca" }, { regime: "eu_psd2", country: "IE" }],
  });
  await createSlaPolicy(db, orgId, {
    ...base,
    name: "UK support hours",
    timeZone: "Europe/London",
    hours: { ...weekdays, sat: [["09:00", "13:00"]] },
    targets: { firstResponseMinutes: 240, resolutionMinutes: 2400, nextResponseMinutes: 480 },
    match: {},
    position: 20,
    regulatory: [],
  });
  const ids = new Map<string, string>();
  for (const [code, label, parent] of ROOT_CAUSES) {
    const row = await createRootCause(db, orgId, {
      code,
      label,
      parentId: parent ? ids.get(parent) : null,
    });
    ids.set(code, row.id);
  }
  await replaceAuthorityLimits(db, orgId, [
    { role: "agent", teamId: null, option: "refund", maxAmount: 50 },
    { role: "agent", teamId: null, option: "fee_waiver", maxAmount: 30 },
    { role: "agent", teamId: null, option: "goodwill_credit", maxAmount: 25 },
    { role: "agent", teamId: null, option: "replacement", maxAmount: 100 },
    { role: "leader", teamId: null, option: "refund", maxAmount: 500 },
    { role: "leader", teamId: null, option: "goodwill_credit", maxAmount: 200 },
  ]);
  const day = 86_400_000;
  await openCase(db, orgId, {
    source: "manual",
    title: "Refund promised three times, still not paid",
    severity: "high",
    category: "payments",
    channel: "email",
    openedAt: new Date(now.getTime() - 12 * day),
    details: { description: "Customer was promised a refund on three calls." },
  });
  await openCase(db, orgId, {
    source: "public",
    title: "Complaint to management from Jordan Blake",
    description: "I have written four times about my closed account and nobody answers.",
    severity: "high",
    requesterName: "Jordan Blake",
    requesterEmail: "jordan.blake@example.com",
    openedAt: new Date(now.getTime() - 2 * day),
    escalateTo: { level: "executive", trigger: "customer_request" },
  });
  await seedResolvedHistory(db, orgId, ids, now);
}

/** Minutes from opening to the first reply of the resolved demo cases (all before resolution). */
const FIRST_REPLY_MINUTES = [20, 45, 90, 150, 35, 200, 260, 60, 110];

/** Resolved cases over eight weeks (a spike of lost parcels in the last one) for the reports. */
async function seedResolvedHistory(db: Db, orgId: string, ids: Map<string, string>, now: Date) {
  // Shared among the demo's teams, so the reports' "By team" compares them.
  const teams = (await listTeams(db, orgId)).map((t) => t.id);
  const codes = ["billing.double-charge", "delivery.late", "service.no-callback", "delivery.lost"];
  const severities: CaseSeverity[] = ["low", "medium", "medium", "high"];
  for (let week = 8; week >= 1; week--) {
    const perWeek = week === 1 ? 9 : 3;
    for (let i = 0; i < perWeek; i++) {
      const code = week === 1 && i >= 3 ? "delivery.lost" : codes[(week + i) % codes.length]!;
      // On a weekday of that week, in the policies' business hours (London), so the clocks run.
      const openedAt = DateTime.fromJSDate(now, { zone: "Europe/London" })
        .minus({ weeks: week })
        .startOf("week")
        .plus({ days: i % 5, hours: 9, minutes: 30 + ((i * 47) % 300) })
        .toJSDate();
      const row = await openCase(db, orgId, {
        source: "manual",
        title: `Demo case: ${code.replace(".", " – ").replace("-", " ")}`,
        severity: severities[i % severities.length]!,
        category: code.split(".")[0],
        channel: i % 2 === 0 ? "chat" : "email",
        teamId: teams.length > 0 ? teams[(week + i) % teams.length] : null,
        openedAt,
      });
      if (!row) continue;
      if (i % 3 === 0) await demoAuthorityUse(db, row, week);
      // A first reply some minutes to hours in, before the case is resolved hours later: the
      // reports' time to first response and time to resolution differ as they do in life.
      const replyMinutes = FIRST_REPLY_MINUTES[(week + i) % FIRST_REPLY_MINUTES.length]!;
      const { version } = await recordResponse(
        db,
        orgId,
        null,
        row.id,
        new Date(openedAt.getTime() + replyMinutes * 60_000),
      );
      await updateCase(
        db,
        orgId,
        null,
        row.id,
        {
          version,
          rootCauseId: ids.get(code),
          status: "resolved",
        },
        new Date(openedAt.getTime() + (i + 1) * 5 * 3_600_000),
      );
    }
  }
}

const DEMO_AUTHORITY = [
  { option: "refund", amount: 35, reason: "Charged twice: refunded the duplicate" },
  { option: "goodwill_credit", amount: 15, reason: "Apology for the late parcel" },
  { option: "replacement", amount: 60, reason: "Lost parcel: sent a replacement" },
] as const;

/** An agent's authority used on a demo case an hour after it opened; returns the new version. */
async function demoAuthorityUse(db: Db, row: CaseRow, i: number): Promise<number> {
  const use = DEMO_AUTHORITY[i % DEMO_AUTHORITY.length]!;
  return db.transaction(async (tx) => {
    await lockCase(tx, row.orgId, row.id);
    const updated = await updateCaseVersioned(tx, row.orgId, row.id, row.version, {});
    await appendEvents(tx, row.orgId, row.id, [
      {
        type: "authority_used",
        at: new Date(row.openedAt.getTime() + 3_600_000),
        data: { ...use, limit: 100, approved: "within_limit" },
      },
    ]);
    return updated!.version;
  });
}
