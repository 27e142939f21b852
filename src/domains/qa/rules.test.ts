import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DefinitionSchema, criteriaOf, type Rule } from "./definition.ts";
import {
  evaluateRule,
  type ConversationFacts,
  type FactMessage,
  type StoredSignal,
} from "./rules.ts";
import { autoAnswers, scoreAnswers } from "./score.ts";
import { STARTER_SCORECARDS } from "./starter.ts";

let seq = 0;
function msg(
  role: FactMessage["role"],
  text: string,
  signals: (Omit<StoredSignal, "evidence"> & { span?: string })[] = [],
  extra: Partial<FactMessage> = {},
): FactMessage {
  seq += 1;
  return {
    id: `m${seq}`,
    role,
    agentId: role === "agent" ? "agent-1" : null,
    ts: new Date(Date.UTC(2026, 0, 1, 10, 0, seq)).toISOString(),
    text,
    signals: signals.map(({ span, ...s }) => {
      const t = span ?? text;
      const start = text.indexOf(t);
      return { ...s, evidence: [{ start, end: start + t.length, text: t }] };
    }),
    ...extra,
  };
}
const facts = (messages: FactMessage[]): ConversationFacts => ({ messages, agentId: "agent-1" });
const criterion = (key: string, card: keyof typeof STARTER_SCORECARDS = "chat") =>
  criteriaOf(STARTER_SCORECARDS[card]).find((c) => c.key === key)!.rule!;

describe("evaluateRule", () => {
  it("passes a greeting with its span, credited to the agent who wrote it", () => {
    const m = msg("agent", "Hello Sam, how can I help?", [
      { name: "greeting", score: 0.9, span: "Hello" },
    ]);
    const r = evaluateRule(criterion("greeting"), facts([msg("customer", "hi"), m]));
    expect(r).toMatchObject({ answer: "pass", confidence: 0.9, agentId: "agent-1" });
    expect(r.evidence).toEqual([{ messageId: m.id, start: 0, end: 5, text: "Hello" }]);
  });

  it("is N/A for empathy when the customer did not complain", () => {
    const r = evaluateRule(criterion("empathy_on_complaint"), facts([msg("agent", "Hi")]));
    expect(r.answer).toBe("na");
  });

  it("fails empathy when the apology came before the complaint only", () => {
    const conv = facts([
      msg("agent", "Sorry for the wait.", [{ name: "apology", score: 0.8 }]),
      msg("customer", "My order never arrived.", [{ name: "complaint", score: 0.9 }]),
      msg("agent", "Let me check."),
    ]);
    expect(evaluateRule(criterion("empathy_on_complaint"), conv).answer).toBe("fail");
    conv.messages.push(msg("agent", "I'm sorry to hear that.", [{ name: "empathy", score: 0.7 }]));
    expect(evaluateRule(criterion("empathy_on_complaint"), conv)).toMatchObject({
      answer: "pass",
      confidence: 0.7,
    });
  });

  it("credits a blame-shifting failure to the agent who wrote it in a transfer", () => {
    const second = msg(
      "agent",
      "That's the courier's fault.",
      [{ name: "blame_shifting", score: 0.8 }],
      {
        agentId: "agent-2",
      },
    );
    const r = evaluateRule(criterion("no_blame_shifting"), facts([msg("agent", "Hi"), second]));
    expect(r).toMatchObject({ answer: "fail", agentId: "agent-2" });
    expect(r.evidence[0]!.messageId).toBe(second.id);
  });

  it("excuses policy framing followed by an offer", () => {
    const policy = msg("agent", "That's our policy.", [{ name: "policy_framing", score: 0.8 }]);
    expect(evaluateRule(criterion("no_policy_framing"), facts([policy])).answer).toBe("fail");
    const offer = msg("agent", "I can offer a voucher instead.", [{ name: "offer", score: 0.8 }]);
    expect(evaluateRule(criterion("no_policy_framing"), facts([policy, offer])).answer).toBe(
      "pass",
    );
  });

  it("asks promises to state when, N/A without a promise", () => {
    const rule = criterion("promise_with_due");
    expect(evaluateRule(rule, facts([msg("agent", "Hi")])).answer).toBe("na");
    const dated = msg("agent", "I'll call you within 24 hours.", [
      { name: "promise", score: 0.9, due: "PT24H" },
    ]);
    expect(evaluateRule(rule, facts([dated])).answer).toBe("pass");
    const vague = msg("agent", "I'll call you back.", [{ name: "promise", score: 0.9 }]);
    expect(evaluateRule(rule, facts([dated, vague]))).toMatchObject({ answer: "fail" });
  });

  it("is N/A for every automatic criterion when no agent wrote anything", () => {
    const answers = autoAnswers(STARTER_SCORECARDS.email, facts([msg("customer", "Hello?")]));
    for (const a of answers)
      expect(a.answer).toBe(a.key === "correct_information" ? "pending" : "na");
  });

  it("decides first-reply time and message counts from facts", () => {
    const rule: Rule = {
      when: [{ type: "message_count", min: 2 }],
      mode: "all",
      expect: [{ type: "first_reply", maxSeconds: 1 }],
    };
    const quick = facts([msg("customer", "hi"), msg("agent", "Hello!")]);
    expect(evaluateRule(rule, quick).answer).toBe("pass");
    const slow = facts([
      msg("customer", "hi"),
      msg("agent", "Hello!", [], { ts: "2026-01-02T00:00:00.000Z" }),
    ]);
    expect(evaluateRule(rule, slow).answer).toBe("fail");
    expect(evaluateRule(rule, facts([msg("customer", "hi")])).answer).toBe("na");
  });
});

const SIGNALS = [
  "greeting",
  "apology",
  "empathy",
  "complaint",
  "blame_shifting",
  "policy_framing",
  "offer",
  "promise",
  "resolution_check",
  "closing",
  "courtesy",
  "scripted_reply",
  "unprofessional",
];

const messageArb = fc
  .record({
    role: fc.constantFrom("customer", "agent", "bot", "internal" as const),
    text: fc.string({ minLength: 1, maxLength: 40 }),
    signals: fc.uniqueArray(fc.constantFrom(...SIGNALS), { maxLength: 3 }),
    due: fc.boolean(),
    agent: fc.constantFrom("agent-1", "agent-2"),
  })
  .map(({ role, text, signals, due, agent }) =>
    msg(
      role as FactMessage["role"],
      text,
      signals.map((name) => ({ name, score: 0.7, ...(due ? { due: "PT1H" } : {}) })),
      { agentId: role === "agent" ? agent : null },
    ),
  );

describe("starter scorecards", () => {
  it("are valid definitions with the keys the standards ask for", () => {
    for (const [channel, d] of Object.entries(STARTER_SCORECARDS)) {
      expect(DefinitionSchema.safeParse(d).success).toBe(true);
      const keys = criteriaOf(d).map((c) => c.key);
      expect(keys).toEqual(
        expect.arrayContaining([
          "greeting",
          "empathy_on_complaint",
          "no_blame_shifting",
          "no_policy_framing",
          "promise_with_due",
          "resolution_check",
          "closing",
          "courtesy",
        ]),
      );
      expect(keys.includes("no_scripted_reply")).toBe(channel !== "phone");
    }
  });

  it("always answer every criterion, quote spans of the conversation, and score in 0..100", () => {
    fc.assert(
      fc.property(
        fc.array(messageArb, { maxLength: 12 }),
        fc.constantFrom("phone", "email", "chat" as const),
        (messages, ch) => {
          const d = STARTER_SCORECARDS[ch as "phone"];
          const conv = facts(messages);
          const answers = autoAnswers(d, conv);
          expect(answers.map((a) => a.key)).toEqual(criteriaOf(d).map((c) => c.key));
          const ids = new Set(messages.map((m) => m.id));
          for (const a of answers) {
            expect(["pass", "fail", "na", "pending"]).toContain(a.answer);
            if (a.confidence !== undefined) expect(a.confidence).toBeGreaterThanOrEqual(0);
            for (const e of a.evidence) {
              expect(ids.has(e.messageId)).toBe(true);
              const m = messages.find((x) => x.id === e.messageId)!;
              expect(m.text.slice(e.start, e.end)).toBe(e.text);
            }
            if (a.answer === "fail" && a.evidence[0]) {
              const m = messages.find((x) => x.id === a.evidence[0]!.messageId)!;
              if (m.role === "agent") expect(a.agentId).toBe(m.agentId);
            }
          }
          const score = scoreAnswers(d, answers);
          if (score !== null) expect(score).toBeGreaterThanOrEqual(0);
          if (score !== null) expect(score).toBeLessThanOrEqual(100);
          // Deterministic: the same facts give the same answers.
          expect(autoAnswers(d, conv)).toEqual(answers);
        },
      ),
    );
  });

  it("scores a failed critical criterion as 0", () => {
    const d = STARTER_SCORECARDS.chat;
    const answers = criteriaOf(d).map((c) => ({
      key: c.key,
      answer: "pass" as const,
      evidence: [],
      agentId: null,
    }));
    expect(scoreAnswers(d, answers)).toBe(100);
    answers[answers.length - 1] = { ...answers[answers.length - 1]!, answer: "fail" as never };
    expect(scoreAnswers(d, answers)).toBe(0);
  });
});
