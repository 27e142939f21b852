import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import * as repo from "./assist.repo.ts";
import type {
  CreateRewriteBody,
  CreateRuleBody,
  PatchRewriteBody,
  PatchRuleBody,
  SuggestionBody,
} from "./assist.schemas.ts";
import { CURATED_REWRITES } from "./rewrites.ts";
import type { RuleCondition } from "./rule-conditions.ts";

const rewriteView = (r: repo.RewriteRow) => ({
  id: r.id,
  signal: r.signal,
  phrases: r.phrases,
  suggestion: r.suggestion,
  principle: r.principle,
  enabled: r.enabled,
});

const ruleView = (r: repo.RuleRow) => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  title: r.title,
  conditions: r.conditions as RuleCondition[],
  priority: r.priority,
  enabled: r.enabled,
});

/** The org's rewrite patterns; `curated` says the panel uses the curated library (none of its own). */
export async function listRewriteViews(db: Db, orgId: string) {
  const rows = await repo.listRewrites(db, orgId);
  if (rows.length > 0) return { items: rows.map(rewriteView), curated: false };
  return {
    items: CURATED_REWRITES.map((r, i) => ({ ...r, id: `curated-${i}`, enabled: true })),
    curated: true,
  };
}

/** Copies the curated library into the org, so it can edit it (idempotent: only when it has none). */
export async function adoptCuratedRewrites(db: Db, orgId: string) {
  return db.transaction(async (tx) => {
    if ((await repo.listRewrites(tx, orgId)).length === 0) {
      await repo.insertRewrites(
        tx,
        CURATED_REWRITES.map((r) => ({ orgId, ...r })),
      );
    }
    return { items: (await repo.listRewrites(tx, orgId)).map(rewriteView), curated: false };
  });
}

export async function createRewrite(db: Db, orgId: string, body: CreateRewriteBody) {
  const [row] = await repo.insertRewrites(db, [{ orgId, ...body }]);
  return rewriteView(row!);
}

const rewriteNotFound = () =>
  new AppError("REWRITE_NOT_FOUND", { message: "No such rewrite pattern in your organization" });

export async function patchRewrite(db: Db, orgId: string, id: string, patch: PatchRewriteBody) {
  const row = await repo.updateRewrite(db, orgId, id, patch);
  if (!row) throw rewriteNotFound();
  return rewriteView(row);
}

export async function removeRewrite(db: Db, orgId: string, id: string) {
  if (!(await repo.deleteRewrite(db, orgId, id))) throw rewriteNotFound();
}

export async function listRuleViews(db: Db, orgId: string) {
  return { items: (await repo.listRules(db, orgId)).map(ruleView) };
}

export async function createRule(db: Db, orgId: string, body: CreateRuleBody) {
  const row = await repo.insertRule(db, { orgId, ...body });
  if (!row)
    throw new AppError("ASSIST_RULE_NAME_TAKEN", { message: `A rule named ${body.name} exists` });
  return ruleView(row);
}

const ruleNotFound = () =>
  new AppError("ASSIST_RULE_NOT_FOUND", { message: "No such rule in your organization" });

export async function patchRule(db: Db, orgId: string, id: string, patch: PatchRuleBody) {
  const row = await repo.updateRule(db, orgId, id, patch);
  if (!row) throw ruleNotFound();
  return ruleView(row);
}

export async function removeRule(db: Db, orgId: string, id: string) {
  if (!(await repo.deleteRule(db, orgId, id))) throw ruleNotFound();
}

/** Records that the agent used or dismissed a rule's suggestion (a later verdict replaces it). */
export async function decideSuggestion(
  db: Db,
  orgId: string,
  userId: string | null,
  body: SuggestionBody,
) {
  const rules = await repo.listRules(db, orgId);
  if (!rules.some((r) => r.id === body.ruleId)) throw ruleNotFound();
  const row = await repo.upsertSuggestion(db, {
    orgId,
    ruleId: body.ruleId,
    conversationRef: body.conversationRef,
    conversationId: body.conversationId ?? null,
    customerExternalId: body.customerExternalId ?? null,
    decision: body.decision,
    decidedByUserId: userId,
  });
  return {
    id: row.id,
    ruleId: row.ruleId,
    conversationRef: row.conversationRef,
    decision: row.decision,
    decidedAt: row.decidedAt.toISOString(),
  };
}

const round = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

/** Acceptance (used / decided) and outcome per rule, every rule listed. */
export async function reportRuleOutcomes(db: Db, orgId: string) {
  const [rules, rows] = await Promise.all([repo.listRules(db, orgId), repo.reportRules(db, orgId)]);
  const byRule = new Map(rows.map((r) => [r.ruleId, r]));
  return {
    items: rules.map((rule) => {
      const r = byRule.get(rule.id);
      const used = r?.used ?? 0;
      const dismissed = r?.dismissed ?? 0;
      return {
        ruleId: rule.id,
        name: rule.name,
        kind: rule.kind,
        used,
        dismissed,
        acceptance: used + dismissed > 0 ? round(used / (used + dismissed)) : null,
        satisfactionUsed: round(r?.satisfactionUsed ?? null),
        satisfactionDismissed: round(r?.satisfactionDismissed ?? null),
        resolvedUsed: round(r?.resolvedUsed ?? null),
      };
    }),
  };
}
