import { DateTime } from "luxon";
import type { Db } from "../../db/client.ts";
import * as cases from "./cases.repo.ts";
import * as repo from "./notifications.repo.ts";
import { listOrgIds } from "./sla-policies.repo.ts";

/**
 * The executives' weekly digest: every case at the executive level opened or still open, as one
 * notification (and email) per executive per ISO week. Keyed by the week, so the hourly job makes
 * it once; it is made from Monday 08:00 UTC on.
 */
export async function sendWeeklyDigests(db: Db, now = new Date()): Promise<number> {
  const week = DateTime.fromJSDate(now, { zone: "UTC" });
  if (week.weekday === 1 && week.hour < 8) return 0;
  const key = `digest:${week.weekYear}-W${String(week.weekNumber).padStart(2, "0")}`;
  let made = 0;
  for (const orgId of await listOrgIds(db)) {
    const queue = await cases.listCases(db, {
      orgId,
      escalationLevel: "executive",
      openOnly: true,
      limit: 50,
    });
    if (queue.length === 0) continue;
    const lines = queue.map(
      (c) =>
        `${c.reference} · ${c.severity} · ${c.status} · ${c.title}${c.breachedAt ? " · BREACHED" : ""}`,
    );
    const message = `Executive queue, week ${key.slice(7)}: ${queue.length} open case(s)\n${lines.join("\n")}`;
    const execs = await repo.findMembers(db, orgId, ["exec"]);
    made += await repo.insertNotifications(
      db,
      execs.map((e) => ({
        orgId,
        caseId: null,
        userId: e.userId,
        kind: "digest",
        dedupeKey: key,
        message,
      })),
    );
  }
  return made;
}
