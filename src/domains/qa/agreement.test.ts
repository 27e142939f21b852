import { describe, expect, it } from "vitest";
import { computeAgreement, MIN_AGREEMENT_PAIRS, ruleAgreement } from "./agreement.ts";
import type { Answer } from "./score.ts";
import { STARTER_SCORECARDS } from "./starter.ts";

const answer = (key: string, a: Answer["answer"], original?: "pass" | "fail"): Answer => ({
  key,
  answer: a,
  evidence: [],
  agentId: null,
  ...(original ? { original: { answer: original } } : {}),
});

describe("ruleAgreement", () => {
  it("keeps a rule reviewers keep correcting as suggested, and one they confirm active", () => {
    const reviews = Array.from({ length: 12 }, (_, i) => [
      // Greeting: the rule said pass, the reviewer said fail on every other review.
      i % 2 ? answer("greeting", "fail", "pass") : answer("greeting", i % 4 ? "pass" : "fail"),
      answer("closing", i % 3 ? "pass" : "fail"),
    ]);
    const byKey = new Map(ruleAgreement(STARTER_SCORECARDS.chat, reviews).map((r) => [r.key, r]));
    expect(byKey.get("greeting")).toMatchObject({ pairs: 12, suggested: true });
    expect(byKey.get("greeting")!.alpha!).toBeLessThan(0.667);
    expect(byKey.get("closing")).toMatchObject({ alpha: 1, suggested: false });
  });

  it("does not judge a rule on fewer reviewed answers than the minimum", () => {
    const few = Array.from({ length: MIN_AGREEMENT_PAIRS - 1 }, (_, i) => [
      answer("greeting", i % 2 ? "fail" : "pass", i % 2 ? "pass" : "fail"),
    ]);
    const greeting = ruleAgreement(STARTER_SCORECARDS.chat, few).find((r) => r.key === "greeting")!;
    expect(greeting.suggested).toBe(false);
  });
});

describe("computeAgreement", () => {
  it("measures reviewers against each other and the rule against the reviewers", () => {
    const reviews = ["c1", "c2", "c3"].flatMap((conversationId, i) => [
      {
        reviewerUserId: "r1",
        conversationId,
        answers: [answer("greeting", i === 0 ? "fail" : "pass")],
      },
      {
        reviewerUserId: "r2",
        conversationId,
        answers: [answer("greeting", i === 0 ? "fail" : "pass")],
      },
      { reviewerUserId: "r3", conversationId, answers: [answer("greeting", "pass")] },
    ]);
    const auto = new Map(
      ["c1", "c2", "c3"].map((c, i) => [c, [answer("greeting", i === 0 ? "fail" : "pass")]]),
    );
    const result = computeAgreement(STARTER_SCORECARDS.chat, reviews, auto);
    const greeting = result.criteria.find((c) => c.key === "greeting")!;
    expect(greeting.level).toBe("nominal");
    expect(greeting.alpha!).toBeLessThan(1);
    expect(greeting.autoAlpha).toBe(1);
    const r3 = result.reviewers.find((r) => r.reviewerUserId === "r3")!;
    expect(r3.agreement).toBeCloseTo(2 / 3, 3);
  });
});
