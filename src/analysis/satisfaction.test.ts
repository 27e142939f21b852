import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { predictSatisfaction, type SatisfactionFeatures } from "./satisfaction.ts";

describe("predictSatisfaction", () => {
  it("predicts a neutral score with no evidence", () => {
    expect(predictSatisfaction({})).toEqual({ predicted: 3.5, drivers: [] });
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
});
