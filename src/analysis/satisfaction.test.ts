import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { predictSatisfaction, type SatisfactionFeatures } from "./satisfaction.ts";

describe("predictSatisfaction", () => {
  it("predicts a neutral score with no evidence", () => {
    expect(predictSatisfaction({})).toEqual({
      predicted: 3.5,
      drivers: [],
      confidence: 0.1,
      outcome: "unknown",
    });
  });

  it("rises with positive reactions and falls with pushback, churn and effort", () => {
    const happy = predictSatisfaction({
      customerTurnScores: [0.2, 0.8],
      customerSentiments: [-0.5, 0.9],
    });
    const unhappy = predictSatisfaction({
      customerTurnScores: [-0.6, -0.8],
      churnThreats: 1,
      escalationRequests: 1,
      effort: 0.8,
    });
    expect(happy.predicted).toBeGreaterThan(4);
    expect(unhappy.predicted).toBeLessThan(2.5);
    expect(unhappy.drivers.map((d) => d.name)).toContain("churn_threat");
  });

  it("weighs later reactions more than earlier ones", () => {
    const recovered = predictSatisfaction({ customerTurnScores: [-0.8, 0.8] }).predicted;
    const soured = predictSatisfaction({ customerTurnScores: [0.8, -0.8] }).predicted;
    expect(recovered).toBeGreaterThan(soured);
  });

  it("falls back to sentiment drivers without reactions", () => {
    const r = predictSatisfaction({ customerSentiments: [-0.9, -0.7], complaints: 2 });
    expect(r.predicted).toBeLessThan(3);
    expect(r.drivers[0]?.effect).toBeLessThan(0);
  });

  it("stays within 1..5, sorts drivers by size and tolerates junk input", () => {
    const num = fc.oneof(
      fc.double(),
      fc.constant(Number.NaN),
      fc.constant(Infinity),
      fc.integer({ min: -5, max: 50 }),
    );
    const features: fc.Arbitrary<SatisfactionFeatures> = fc.record(
      {
        customerSentiments: fc.array(num, { maxLength: 30 }),
        customerTurnScores: fc.array(num, { maxLength: 30 }),
        customerFeedback: fc.array(num, { maxLength: 30 }),
        lastCustomerSentiment: num,
        minCustomerSentiment: num,
        finalGratitude: num,
        complaints: num,
        escalationRequests: num,
        churnThreats: num,
        repeatContacts: num,
        agentEmpathy: num,
        effort: num,
        turns: num,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(features, (f) => {
        const r = predictSatisfaction(f);
        expect(r.predicted).toBeGreaterThanOrEqual(1);
        expect(r.predicted).toBeLessThanOrEqual(5);
        const sizes = r.drivers.map((d) => Math.abs(d.effect));
        expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
        for (const d of r.drivers) expect(Number.isFinite(d.effect)).toBe(true);
        expect(predictSatisfaction(f)).toEqual(r);
      }),
      { numRuns: 300 },
    );
  });

  it("does not predict delight before the customer has reacted to an agent reply", () => {
    const opening = predictSatisfaction({
      customerSentiments: [0.9],
      finalGratitude: 1,
      praise: 1,
    });
    expect(opening.predicted).toBeLessThanOrEqual(4);
    expect(opening.outcome).toBe("unknown");
    expect(opening.confidence).toBeLessThan(0.5);
    expect(opening.drivers.map((d) => d.name)).toContain("no_outcome_yet");
    const answered = predictSatisfaction({ customerSentiments: [0.9], agentReplied: true });
    expect(answered.confidence).toBeGreaterThan(opening.confidence);
    expect(answered.outcome).toBe("unknown");
  });

  it("never shows delight next to a complaint or another negative signal", () => {
    const warm = { customerTurnScores: [0.9, 1], customerSentiments: [0.9, 1] };
    expect(predictSatisfaction(warm).predicted).toBeGreaterThan(4);
    for (const signal of ["complaints", "churnThreats", "escalationRequests"] as const) {
      const flagged = predictSatisfaction({ ...warm, [signal]: 1 });
      expect(flagged.predicted).toBeLessThanOrEqual(4);
      expect(flagged.drivers.map((d) => d.name)).toContain("unresolved_negative_signals");
    }
  });

  it("keeps confidence and outcome consistent with the evidence, for any features", () => {
    const score = fc.double({ min: -1, max: 1, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(score, { maxLength: 6 }),
        fc.array(score, { maxLength: 6 }),
        fc.nat(3),
        fc.nat(2),
        fc.boolean(),
        (reactions, sentiments, complaints, churn, agentReplied) => {
          const p = predictSatisfaction({
            customerTurnScores: reactions,
            customerSentiments: sentiments,
            complaints,
            churnThreats: churn,
            agentReplied,
          });
          expect(p.predicted).toBeGreaterThanOrEqual(1);
          expect(p.predicted).toBeLessThanOrEqual(5);
          expect(p.confidence).toBeGreaterThan(0);
          expect(p.confidence).toBeLessThanOrEqual(0.9);
          expect(p.outcome).toBe(reactions.length > 0 ? "observed" : "unknown");
          if (reactions.length === 0) expect(p.predicted).toBeLessThanOrEqual(4);
          if (complaints + churn > 0) expect(p.predicted).toBeLessThanOrEqual(4);
          // The drivers explain the score: base + effects, up to rounding and the 1–5 clamp.
          const raw = 3.5 + p.drivers.reduce((sum, d) => sum + d.effect, 0);
          expect(Math.abs(Math.min(5, Math.max(1, raw)) - p.predicted)).toBeLessThan(0.1);
        },
      ),
    );
  });
});
