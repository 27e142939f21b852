import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import { criteriaOf, type Definition } from "./definition.ts";
import * as evaluations from "./evaluations.repo.ts";
import { krippendorffAlpha } from "./krippendorff.ts";
import type { ConversationFacts } from "./rules.ts";
import { autoAnswers, scoreAnswers, type Answer } from "./score.ts";
import * as scorecards from "./scorecards.repo.ts";

/** Conversations in a backtest: the most recently reviewed ones of the scorecard. */
export const BACKTEST_SAMPLE = 500;
const CODE: Record<string, number> = { pass: 1, fail: 0, na: 2 };

interface Side {
  mean: number | null;
  /** Conversations per score band: 0–19, 20–39, 40–59, 60–79, 80–100. */
  histogram: number[];
}

function summarize(scores: (number | null)[]): Side {
  const known = scores.filter((s): s is number => s !== null);
  const histogram = [0, 0, 0, 0, 0];
  for (const s of known) histogram[Math.min(4, Math.floor(s / 20))]! += 1;
  const mean = known.length
    ? Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 10) / 10
    : null;
  return { mean, histogram };
}

function agreementWithHumans(
  definition: Definition,
  auto: Answer[][],
  human: Answer[][],
): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const c of criteriaOf(definition)) {
    if (!c.rule) continue;
    const units = auto.map((a, i) => {
      const code = (x: Answer | undefined) =>
        x && x.answer !== "pending" ? (CODE[x.answer] ?? null) : null;
      return [code(a.find((x) => x.key === c.key)), code(human[i]!.find((x) => x.key === c.key))];
    });
    const alpha = krippendorffAlpha(units, "nominal");
    out.set(c.key, alpha === null ? null : Math.round(alpha * 1000) / 1000);
  }
  return out;
}

/**
 * Runs a draft over a frozen sample of already-reviewed conversations, beside the published version:
 * the score distribution each gives, and each automatic criterion's agreement (Krippendorff's alpha,
 * nominal) with the reviewers' answers. Nothing is stored.
 */
export async function backtestVersion(db: Db, orgId: string, scorecardId: string, version: number) {
  const draft = await scorecards.findVersion(db, orgId, scorecardId, version);
  if (!draft) throw new AppError("SCORECARD_NOT_FOUND", { message: `No version ${version}` });
  const current = await scorecards.findVersion(db, orgId, scorecardId, "published");
  const sample = await evaluations.listReviewedSample(db, orgId, scorecardId, BACKTEST_SAMPLE);
  const ids = sample.map((s) => s.conversation_id);
  const [keys, messages] = await Promise.all([
    evaluations.loadConversationKeys(db, orgId, ids),
    evaluations.loadFactMessages(db, orgId, ids),
  ]);
  const agentOf = new Map(keys.map((k) => [k.id, k.agent_id]));
  const facts = (id: string): ConversationFacts => ({
    messages: messages.get(id) ?? [],
    agentId: agentOf.get(id) ?? null,
  });
  const run = (d: Definition) => ids.map((id) => autoAnswers(d, facts(id)));
  const human = sample.map((s) => s.answers);
  const draftAnswers = run(draft.definition);
  const currentAnswers = current ? run(current.definition) : [];
  const draftAlpha = agreementWithHumans(draft.definition, draftAnswers, human);
  const currentAlpha = current
    ? agreementWithHumans(current.definition, currentAnswers, human)
    : new Map();
  return {
    sample: ids.length,
    version: draft.version,
    currentVersion: current?.version ?? null,
    draft: summarize(draftAnswers.map((a) => scoreAnswers(draft.definition, a))),
    current: current
      ? summarize(currentAnswers.map((a) => scoreAnswers(current.definition, a)))
      : null,
    criteria: criteriaOf(draft.definition)
      .filter((c) => c.rule)
      .map((c) => ({
        key: c.key,
        alpha: draftAlpha.get(c.key) ?? null,
        currentAlpha: currentAlpha.get(c.key) ?? null,
      })),
  };
}
