import { describe, expect, it } from "vitest";
import {
  analyzeConversation,
  analyzeMessage,
  createConversationAnalyzer,
  ENGINE_VERSION,
} from "./index.ts";

/** The @example blocks in index.ts, kept true. */
describe("analysis public API examples", () => {
  it("analyzeMessage parses a promise due time", () => {
    const result = analyzeMessage({ text: "We'll call you back within 24 hours.", role: "agent" });
    expect(result.signals.find((s) => s.name === "promise")?.due).toBe("PT24H");
  });

  it("analyzeMessage lists customer signals", () => {
    const text = "This is the third time I call. I want a manager!";
    // "third time I call" is a repetition of a service failure: a complaint too.
    expect(analyzeMessage({ text }).signals.map((s) => s.name)).toEqual([
      "complaint",
      "escalation_request",
      "repeat_contact",
    ]);
  });

  it("createConversationAnalyzer predicts satisfaction after each push", () => {
    const live = createConversationAnalyzer({ silenceSeconds: 5 });
    live.push({
      role: "customer",
      text: "My router keeps dropping, third time I call",
      ts: "2026-11-23T09:00:00Z",
    });
    const { conversation } = live.push({
      role: "agent",
      text: "I'm sorry to hear that, let me fix it.",
      ts: "2026-11-23T09:00:40Z",
    });
    expect(conversation.satisfaction.predicted).toBeGreaterThanOrEqual(1);
    expect(conversation.satisfaction.predicted).toBeLessThanOrEqual(5);
  });

  it("analyzeConversation reads a recovery", () => {
    const result = analyzeConversation([
      { role: "customer", text: "My parcel never arrived and I'm furious" },
      { role: "agent", text: "I'm so sorry. I've sent a replacement, it arrives tomorrow." },
      { role: "customer", text: "Brilliant, thank you so much!" },
    ]);
    expect(result.trajectory).toBe("recovered");
  });

  it("ENGINE_VERSION is YYYY.MM.N", () => {
    expect(ENGINE_VERSION).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
  });
});
