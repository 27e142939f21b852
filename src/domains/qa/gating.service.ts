import type { Db } from "../../db/client.ts";
import { DEFAULT_AGREEMENT_THRESHOLD, ruleAgreement, type RuleAgreement } from "./agreement.ts";
import * as evaluations from "./evaluations.repo.ts";
import type { Evaluation } from "./qa.schemas.ts";
import { scoreAnswers } from "./score.ts";
import * as scorecards from "./scorecards.repo.ts";

/**
 * Evidence-gated automation: each automatic criterion's measured agreement with reviewers; a rule
 * below the org's threshold (settings.qa.agreementThreshold, default 0.667) with enough reviewed
 * answers stays "suggested" and is left out of the scores agents see, until it improves.
 */
export async function measureRules(
  db: Db,
  orgId: string,
  version: scorecards.VersionRow,
): Promise<RuleAgreement[]> {
  const [answers, threshold] = await Promise.all([
    evaluations.listHumanAnswers(db, orgId, version.id),
    evaluations.findAgreementThreshold(db, orgId),
  ]);
  return ruleAgreement(version.definition, answers, threshold ?? DEFAULT_AGREEMENT_THRESHOLD);
}

/** Automatic evaluations as an agent sees them: suggested rules marked and left out of the score. */
export async function agentFacing(
  db: Db,
  orgId: string,
  items: Evaluation[],
): Promise<Evaluation[]> {
  const out: Evaluation[] = [];
  const cache = new Map<string, Set<string>>();
  for (const e of items) {
    if (e.kind !== "auto") {
      out.push(e);
      continue;
    }
    const version = await scorecards.findVersion(db, orgId, e.scorecardId, e.version);
    if (!version) {
      out.push(e);
      continue;
    }
    let suggested = cache.get(version.id);
    if (!suggested) {
      const measured = await measureRules(db, orgId, version);
      suggested = new Set(measured.filter((m) => m.suggested).map((m) => m.key));
      cache.set(version.id, suggested);
    }
    if (suggested.size === 0) {
      out.push(e);
      continue;
    }
    out.push({
      ...e,
      score: scoreAnswers(version.definition, e.criteria, suggested),
      criteria: e.criteria.map((c) => (suggested.has(c.key) ? { ...c, suggested: true } : c)),
    });
  }
  return out;
}
