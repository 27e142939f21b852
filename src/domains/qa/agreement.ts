import { criteriaOf, type Definition } from "./definition.ts";
import { krippendorffAlpha } from "./krippendorff.ts";
import type { Answer } from "./score.ts";

/**
 * Agreement of a calibration session, pure: per criterion (Krippendorff's alpha, nominal for
 * pass/fail with N/A as its own category, ordinal for 1–5 values), per reviewer (share of answers
 * equal to the other reviewers' most common answer), and per automatic rule (alpha between the
 * rule's answer and the reviewers' most common answer).
 */

export interface ReviewerAnswers {
  reviewerUserId: string;
  conversationId: string;
  answers: readonly Answer[];
}

export interface Agreement {
  criteria: {
    key: string;
    level: "nominal" | "ordinal";
    alpha: number | null;
    autoAlpha: number | null;
  }[];
  reviewers: { reviewerUserId: string; agreement: number | null; answers: number }[];
}

const NOMINAL: Record<string, number> = { pass: 1, fail: 0, na: 2 };

function codeOf(a: Answer | undefined, ordinal: boolean): number | null {
  if (!a || a.answer === "pending") return null;
  if (ordinal) return a.answer === "na" || a.value === undefined ? null : a.value;
  return NOMINAL[a.answer] ?? null;
}

function mode(values: readonly number[]): number | null {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | null = null;
  let bestCount = 0;
  for (const [v, n] of counts)
    if (n > bestCount || (n === bestCount && best !== null && v < best)) [best, bestCount] = [v, n];
  return best;
}

export function computeAgreement(
  definition: Definition,
  reviews: readonly ReviewerAnswers[],
  auto: ReadonlyMap<string, readonly Answer[]>,
): Agreement {
  const reviewers = [...new Set(reviews.map((r) => r.reviewerUserId))];
  const conversations = [...new Set(reviews.map((r) => r.conversationId))];
  const lookup = new Map(
    reviews.map((r) => [`${r.reviewerUserId}:${r.conversationId}`, r.answers]),
  );
  const hits = new Map(reviewers.map((r) => [r, { same: 0, total: 0 }]));
  const criteria = criteriaOf(definition).map((c) => {
    const ordinal = c.scale === "five_point";
    const units = conversations.map((conv) =>
      reviewers.map((r) =>
        codeOf(
          lookup.get(`${r}:${conv}`)?.find((a) => a.key === c.key),
          ordinal,
        ),
      ),
    );
    units.forEach((unit) =>
      unit.forEach((v, i) => {
        const others = unit.filter((o, j) => j !== i && o !== null) as number[];
        if (v === null || others.length === 0) return;
        const h = hits.get(reviewers[i]!)!;
        h.total += 1;
        if (mode(others) === v) h.same += 1;
      }),
    );
    const autoUnits = c.rule
      ? conversations.map((conv, u) => [
          codeOf(
            auto.get(conv)?.find((a) => a.key === c.key),
            false,
          ),
          mode(units[u]!.filter((v): v is number => v !== null)),
        ])
      : [];
    return {
      key: c.key,
      level: ordinal ? ("ordinal" as const) : ("nominal" as const),
      alpha: round(krippendorffAlpha(units, ordinal ? "ordinal" : "nominal")),
      autoAlpha: c.rule ? round(krippendorffAlpha(autoUnits, "nominal")) : null,
    };
  });
  return {
    criteria,
    reviewers: reviewers.map((r) => {
      const h = hits.get(r)!;
      return {
        reviewerUserId: r,
        agreement: h.total ? round(h.same / h.total) : null,
        answers: h.total,
      };
    }),
  };
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

/** Fewer human answers than this and a rule's agreement is not judged yet (it stays active). */
export const MIN_AGREEMENT_PAIRS = 10;
/** Krippendorff's recommended floor for tentative conclusions; a rule below it stays "suggested". */
export const DEFAULT_AGREEMENT_THRESHOLD = 0.667;

export interface RuleAgreement {
  key: string;
  alpha: number | null;
  pairs: number;
  suggested: boolean;
}

/**
 * Each automatic criterion's agreement with reviewers, from human evaluations alone: a reviewer's
 * answer keeps the rule's answer as `original` when it corrected it, and equals it otherwise.
 */
export function ruleAgreement(
  definition: Definition,
  humanEvaluations: readonly (readonly Answer[])[],
  threshold = DEFAULT_AGREEMENT_THRESHOLD,
): RuleAgreement[] {
  return criteriaOf(definition)
    .filter((c) => c.rule)
    .map((c) => {
      const units = humanEvaluations.flatMap((answers) => {
        const a = answers.find((x) => x.key === c.key);
        if (!a || a.answer === "pending") return [];
        const human = NOMINAL[a.answer];
        const auto = NOMINAL[a.original?.answer ?? a.answer];
        return human === undefined || auto === undefined ? [] : [[auto, human]];
      });
      const alpha = round(krippendorffAlpha(units, "nominal"));
      // Perfect agreement without variation has no defined alpha: nothing argues against the rule.
      const suggested = units.length >= MIN_AGREEMENT_PAIRS && alpha !== null && alpha < threshold;
      return { key: c.key, alpha, pairs: units.length, suggested };
    });
}
