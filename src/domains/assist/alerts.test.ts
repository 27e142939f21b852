import { describe, expect, it } from "vitest";
import { analyzeConversation } from "../../analysis/index.ts";
import { detectAlerts, riskOf } from "./alerts.ts";
import { curatedLibrary, detectNudges } from "./rewrites.ts";
import { evaluateRule, type RuleFacts } from "./rule-conditions.ts";

const run = (messages: { role: "customer" | "agent"; text: string }[]) => {
  const analysis = analyzeConversation(messages);
  return { analysis, alerts: detectAlerts(analysis, messages) };
};

describe("detectAlerts", () => {
  it("flags a complaint until the agent acknowledges it", () => {
    const complaint = {
      role: "customer" as const,
      text: "This is unacceptable, my parcel never arrived.",
    };
    expect(run([complaint]).alerts.map((a) => a.name)).toContain("complaint_unacknowledged");
    const acknowledged = run([complaint, { role: "agent", text: "I'm so sorry about that." }]);
    expect(acknowledged.alerts.map((a) => a.name)).not.toContain("complaint_unacknowledged");
  });
  it("flags a promise without a time, not one with a time", () => {
    expect(
      run([{ role: "agent", text: "I'll call you back." }]).alerts.map((a) => a.name),
    ).toContain("promise_without_time");
    expect(
      run([{ role: "agent", text: "I'll call you back within 24 hours." }]).alerts.map(
        (a) => a.name,
      ),
    ).not.toContain("promise_without_time");
  });
  it("ranks a legal threat as risky", () => {
    const { analysis, alerts } = run([
      { role: "customer", text: "I will take this to the ombudsman and my solicitor." },
    ]);
    expect(alerts[0]?.evidence[0]?.messageIndex).toBe(0);
    expect(riskOf(alerts, analysis)).toBeGreaterThan(0.5);
  });
});

describe("detectNudges", () => {
  it("answers policy framing with the curated 'what I can do' phrasing", () => {
    const messages = [{ role: "agent" as const, text: "Sorry, that's our policy." }];
    const [nudge] = detectNudges(analyzeConversation(messages), messages, curatedLibrary());
    expect(nudge).toMatchObject({ signal: "policy_framing", messageIndex: 0 });
    expect(nudge?.suggestion).toMatch(/What I can do/);
  });
});

describe("evaluateRule", () => {
  const facts: RuleFacts = {
    signals: new Map([["churn_threat", "cancel my account"]]),
    customerSentiment: -0.5,
    customerText: "I want to cancel my account",
    openCases: 2,
    pastComplaints: 0,
    lastSurveyScore: null,
    segment: "Gold",
    value: 1200,
    previousOffers: 0,
  };
  it("fires with every condition's reason", () => {
    expect(
      evaluateRule(
        [
          { type: "signal", name: "churn_threat" },
          { type: "segment_in", values: ["gold"] },
          { type: "open_cases_at_least", value: 1 },
        ],
        facts,
      ),
    ).toBe("churn threat: “cancel my account”; segment Gold; 2 open cases");
  });
  it("does not fire when one condition fails or history is unknown", () => {
    expect(evaluateRule([{ type: "survey_score_at_most", value: 6 }], facts)).toBeNull();
    expect(evaluateRule([{ type: "value_at_least", value: 5000 }], facts)).toBeNull();
  });
});
