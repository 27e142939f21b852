/**
 * An idea's linked fix and its measured impact, read from the insights domain (which owns fixes
 * and measures them; nothing is copied or stored here).
 */
import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import { fixImpact, getFix } from "../insights/index.ts";
import type { IdeaFix } from "./ideas.schemas.ts";

const DAY = 86_400_000;

/** 400 unless `fixId` is a fix of this org: an idea never points at another tenant's fix. */
export async function assertFixInOrg(db: Db, orgId: string, fixId: string): Promise<void> {
  try {
    await getFix(db, orgId, fixId);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND")
      throw new AppError("VALIDATION_FAILED", {
        message: "fixId is not a fix of this organization",
      });
    throw e;
  }
}

/**
 * The fix with its impact over the insights default window; `impact` is null ("not measured yet")
 * while no conversation after the ship date exists. Null when the fix is gone.
 */
export async function findLinkedFix(
  db: Db,
  orgId: string,
  fixId: string,
  now = new Date(),
): Promise<IdeaFix | null> {
  let fix;
  try {
    fix = await getFix(db, orgId, fixId);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") return null;
    throw e;
  }
  const base = { id: fix.id, title: fix.title, shippedAt: fix.shippedAt.toISOString() };
  if (fix.shippedAt.getTime() > now.getTime()) return { ...base, impact: null };
  const i = await fixImpact(db, orgId, fix.id);
  if (i.after.totalConversations === 0 || i.rateRatio === null) return { ...base, impact: null };
  return {
    ...base,
    impact: {
      days: i.days,
      beforePer1000: i.before.ratePer1000,
      afterPer1000: i.after.ratePer1000,
      afterConversations: i.after.conversations,
      rateRatio: i.rateRatio,
      ci95: i.ci95,
      differenceInDifferences: i.differenceInDifferences,
      verdict: i.verdict,
      complete: now.getTime() >= fix.shippedAt.getTime() + i.days * DAY,
    },
  };
}
