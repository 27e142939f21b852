import { describe, expect, it } from "vitest";
import { assessComplaint } from "./complaints.service.ts";
import type { MessageFacts } from "./complaints.repo.ts";

const msg = (
  seq: number,
  role: "customer" | "agent",
  signals: string[],
  score: number | null = null,
): MessageFacts => ({
  conversation_id: "c",
  seq,
  role,
  ts: new Date(Date.UTC(2026, 10, 2, 9, seq)),
  text: `message ${seq}`,
  signal_names: signals,
  complaint_score: score,
});

describe("assessComplaint", () => {
  it("opens on a complaint with an escalation request, from the complaining message", () => {
    const found = assessComplaint(
      [
        msg(1, "customer", []),
        msg(2, "customer", ["complaint"]),
        msg(3, "agent", []),
        msg(4, "customer", ["escalation_request"]),
      ],
      null,
    );
    expect(found).toMatchObject({
      severity: "high",
      triggers: ["escalation_request"],
      escalateTo: { level: "team_lead" },
    });
    expect(found!.start.seq).toBe(2);
  });

  it("needs both a complaint and a trigger, unless a complaint reaches the org's score", () => {
    expect(assessComplaint([msg(1, "customer", ["complaint"], 0.7)], null)).toBeNull();
    expect(assessComplaint([msg(1, "customer", ["churn_threat"])], null)).toBeNull();
    expect(assessComplaint([msg(1, "customer", ["complaint"], 0.95)], 0.9)).toMatchObject({
      severity: "medium",
    });
  });

  it("takes the strongest signal's severity, and sends a legal threat to a manager", () => {
    const found = assessComplaint(
      [msg(1, "customer", ["complaint", "churn_threat", "legal_threat"])],
      null,
    );
    expect(found).toMatchObject({
      severity: "critical",
      escalateTo: { level: "manager", trigger: "severity" },
    });
  });

  it("ignores agents' signals", () => {
    expect(
      assessComplaint([msg(1, "agent", ["complaint", "escalation_request"])], null),
    ).toBeNull();
  });
});
