import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import * as repo from "./root-causes.repo.ts";

/** The editable hierarchical root-cause taxonomy, and complaint volume per code per week. */

export interface RootCauseBody {
  code: string;
  label: string;
  parentId?: string | null | undefined;
  active?: boolean | undefined;
}

function toView(r: repo.RootCauseRow) {
  return { id: r.id, code: r.code, label: r.label, parentId: r.parentId, active: r.active };
}

export async function listRootCauses(db: Db, orgId: string) {
  return (await repo.listRootCauses(db, orgId)).map(toView);
}

async function checkParent(
  db: Db,
  orgId: string,
  parentId: string | null | undefined,
  selfId?: string,
) {
  if (!parentId) return;
  // Walk up from the parent: it must exist, and the new edge must not close a cycle.
  let cursor: string | null = parentId;
  for (let depth = 0; cursor; depth++) {
    if (cursor === selfId || depth > 20)
      throw new AppError("VALIDATION_FAILED", { message: "body.parentId: would make a cycle" });
    const node: repo.RootCauseRow | null = await repo.findRootCause(db, orgId, cursor);
    if (!node)
      throw new AppError("ROOT_CAUSE_NOT_FOUND", { message: "body.parentId: no such root cause" });
    cursor = node.parentId;
  }
}

export async function createRootCause(db: Db, orgId: string, body: RootCauseBody) {
  await checkParent(db, orgId, body.parentId);
  const row = await repo.insertRootCause(db, {
    orgId,
    code: body.code,
    label: body.label,
    parentId: body.parentId ?? null,
    active: body.active ?? true,
  });
  if (!row) throw new AppError("CONFLICT", { message: `root cause code "${body.code}" exists` });
  return toView(row);
}

export async function updateRootCause(
  db: Db,
  orgId: string,
  id: string,
  body: Partial<RootCauseBody>,
) {
  if (!(await repo.findRootCause(db, orgId, id)))
    throw new AppError("ROOT_CAUSE_NOT_FOUND", { message: "No such root cause" });
  await checkParent(db, orgId, body.parentId, id);
  if (body.code) {
    const other = await repo.findRootCauseByCode(db, orgId, body.code);
    if (other && other.id !== id)
      throw new AppError("CONFLICT", { message: `root cause code "${body.code}" exists` });
  }
  const row = await repo.updateRootCause(db, orgId, id, body);
  return toView(row!);
}

/**
 * Weekly volume per root cause, with a spike flag: a code whose latest week is at least three
 * times its mean over the previous weeks, and at least 5 cases, is a likely systemic issue.
 */
export async function rootCauseTrends(db: Db, orgId: string, weeks = 12, now = new Date()) {
  const from = new Date(now.getTime() - weeks * 7 * 86_400_000);
  const rows = await repo.weeklyVolumeByRootCause(db, orgId, from);
  const codes = new Map((await repo.listRootCauses(db, orgId)).map((r) => [r.id, r]));
  const weekList = [...new Set(rows.map((r) => r.week))].sort();
  const latest = weekList.at(-1);
  const series = [...new Set(rows.map((r) => r.root_cause_id))].map((id) => {
    const counts = weekList.map(
      (w) => rows.find((r) => r.root_cause_id === id && r.week === w)?.cases ?? 0,
    );
    const last = counts.at(-1) ?? 0;
    const before = counts.slice(0, -1);
    const mean = before.length > 0 ? before.reduce((a, b) => a + b, 0) / before.length : 0;
    return {
      rootCauseId: id,
      code: codes.get(id)?.code ?? "?",
      label: codes.get(id)?.label ?? "?",
      weeks: weekList.map((week, i) => ({ week, cases: counts[i]! })),
      latestWeek: latest ?? null,
      latest: last,
      usual: Math.round(mean * 10) / 10,
      spike: last >= 5 && last >= 3 * Math.max(mean, 1),
    };
  });
  return { items: series };
}
