import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessComplaint, replyEventsOf } from "./complaints.service.ts";
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

describe("replyEventsOf", () => {
  it("alternates: the first agent message responds, then each customer reply awaits the next", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<"customer" | "agent">("customer", "agent"), { maxLength: 30 }),
        fc.integer({ min: 0, max: 30 }),
        (roles, openAt) => {
          const own = roles.map((role, i) => msg(i, role, []));
          const openedAt = new Date(Date.UTC(2026, 10, 2, 9, openAt));
          const turns = replyEventsOf(openedAt, own);
          turns.forEach((t, i) => {
            expect(t.type).toBe(i % 2 === 0 ? "responded" : "customer_replied");
            expect(own[t.seq]!.role).toBe(t.type === "responded" ? "agent" : "customer");
            expect(t.at.getTime()).toBeGreaterThanOrEqual(openedAt.getTime());
            if (i > 0) expect(t.seq).toBeGreaterThan(turns[i - 1]!.seq);
          });
          // Role changes after the open are exactly the turns (after the first agent message).
          const after = own.filter((m) => m.ts >= openedAt);
          const firstAgent = after.findIndex((m) => m.role === "agent");
          const changes =
            firstAgent < 0
              ? 0
              : 1 +
                after.slice(firstAgent).filter((m, i, a) => i > 0 && m.role !== a[i - 1]!.role)
                  .length;
          expect(turns).toHaveLength(changes);
        },
      ),
    );
  });
});
