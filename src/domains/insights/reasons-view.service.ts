/** What leaders see of contact reasons: names, counts, weekly trend with control limits, examples. */
import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import * as repo from "./reasons.repo.ts";
import { reasonTrends } from "./trends.service.ts";

function view(
  r: repo.ReasonRow,
  conversations: number,
  trend: Awaited<ReturnType<typeof reasonTrends>>[number]["weeks"],
) {
  return {
    id: r.id,
    name: r.name ?? r.label,
    label: r.label,
    renamed: r.name !== null,
    terms: r.terms,
    pinned: r.pinned,
    ownerUserId: r.ownerUserId,
    conversations,
    trend,
    spike: trend.slice(-2).some((w) => w.spike),
  };
}

/** Active reasons, largest first (pinned ones first of all). */
export async function listReasons(db: Db, orgId: string, weeks: number, now = new Date()) {
  const [rows, counts, trends] = [
    await repo.listActiveReasons(db, orgId),
    await repo.countByReason(db, orgId),
    await reasonTrends(db, orgId, { weeks, now }),
  ];
  const trendOf = new Map(trends.map((t) => [t.reasonId, t.weeks]));
  return rows
    .map((r) => view(r, counts.get(r.id) ?? 0, trendOf.get(r.id) ?? []))
    .sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.conversations - a.conversations);
}

export async function getReasonDetail(db: Db, orgId: string, id: string, weeks: number) {
  const r = await repo.findReason(db, orgId, id);
  if (!r || r.mergedIntoId) throw new AppError("NOT_FOUND", { message: "No such contact reason" });
  const counts = await repo.countByReason(db, orgId);
  const [trend] = await reasonTrends(db, orgId, { weeks, reasonId: id });
  const examples = await repo.findExamples(db, orgId, id, 5);
  return {
    ...view(r, counts.get(id) ?? 0, trend?.weeks ?? []),
    examples: examples.map((e) => ({
      id: e.id,
      startedAt: new Date(e.started_at).toISOString(),
      text: e.text ?? "",
    })),
  };
}
