import { describe, expect, it } from "vitest";
import { decideBotTurn, plainSnippet, type KnowledgeHit } from "./bot.ts";

const hit = (score: number): KnowledgeHit => ({
  articleId: "a1",
  title: "Returns",
  snippet: "Return it within <b>30 days</b>.",
  score,
});
const base = { text: "how do returns work", signals: [], threshold: 0.3, misses: 0 };

describe("decideBotTurn", () => {
  it("answers from the best article at or above the threshold, citing it", () => {
    const turn = decideBotTurn({ ...base, hits: [hit(0.1), hit(0.3)] });
    expect(turn.kind).toBe("answer");
    if (turn.kind === "answer") {
      expect(turn.reply).toBe("From our help article “Returns”: Return it within 30 days.");
      expect(turn.attempts.map((a) => a.score)).toEqual([0.1, 0.3]);
    }
  });

  it("says it does not know below the threshold, and hands off at the second miss", () => {
    const first = decideBotTurn({ ...base, hits: [hit(0.29)] });
    expect(first).toMatchObject({ kind: "unknown", misses: 1 });
    expect(decideBotTurn({ ...base, hits: [], misses: 1 })).toMatchObject({
      kind: "handoff",
      reason: "low_confidence",
    });
  });

  it("hands off when asked for a person, by word or by the engine's escalation request", () => {
    expect(decideBotTurn({ ...base, text: "a human please", hits: [hit(1)] }).kind).toBe("handoff");
    const bySignal = decideBotTurn({
      ...base,
      signals: [{ name: "escalation_request", score: 0.9 }],
      hits: [hit(1)],
    });
    expect(bySignal).toMatchObject({ kind: "handoff", reason: "requested" });
  });

  it("hands off on churn and vulnerability, and on strong complaints only", () => {
    const on = (name: string, score: number) =>
      decideBotTurn({ ...base, signals: [{ name, score }], hits: [hit(1)] });
    expect(on("churn_threat", 0.5)).toMatchObject({ kind: "handoff", signals: ["churn_threat"] });
    expect(on("vulnerability", 0.5)).toMatchObject({ kind: "handoff", reason: "alert" });
    expect(on("complaint", 0.95)).toMatchObject({ kind: "handoff", signals: ["complaint"] });
    expect(on("complaint", 0.7).kind).toBe("answer");
  });

  it("shows snippets as plain text", () => {
    expect(plainSnippet("<script>x</script> a\n b")).toBe("x a b");
  });
});
