import { describe, expect, it } from "vitest";
import { analyzeConversation, analyzeMessage, BUILT_IN_DATA, createEngine } from "./index.ts";
import type { EngineData, MessageInput } from "./index.ts";

const MESSAGES: MessageInput[] = [
  { text: "My parcel never arrived and I'm furious!! Third time I call.", role: "customer" },
  { text: "I'm so sorry, we'll send a replacement within 24 hours.", role: "agent" },
  { text: "Brilliant, thank you so much 😊", role: "customer" },
  { text: "Customer was rude again, ugh", role: "internal" },
];

describe("createEngine", () => {
  it("gives the same results as the default engine, whatever either analysed before", () => {
    const before = MESSAGES.map((m) => analyzeMessage(m));
    const engine = createEngine();
    // Warm the new engine on other text first: its caches and stamps must not change results.
    for (let i = 0; i < 50; i++) engine.analyzeMessage({ text: `great great not good ${i} :)` });
    expect(MESSAGES.map((m) => engine.analyzeMessage(m))).toEqual(before);
    expect(engine.analyzeConversation(MESSAGES)).toEqual(analyzeConversation(MESSAGES));
    const live = engine.createConversationAnalyzer();
    const pushed = MESSAGES.map((m) => live.push(m).message);
    expect(pushed).toEqual(before);
  });

  it("uses the signal cues it was built from, and only in that engine", () => {
    const customer = structuredClone(BUILT_IN_DATA.signals.customer);
    customer.signals["escalation_request"]?.cues.push({ w: 0.9, p: ["purple elephant"] });
    const data: EngineData = { ...BUILT_IN_DATA, signals: { ...BUILT_IN_DATA.signals, customer } };
    const text = "Send me the purple elephant";
    const names = (a: ReturnType<typeof analyzeMessage>) => a.signals.map((s) => s.name);
    expect(names(createEngine(data).analyzeMessage({ text }))).toContain("escalation_request");
    expect(names(analyzeMessage({ text }))).not.toContain("escalation_request");
  });

  it("rejects models whose outputs differ from the built-in ones", () => {
    const sentiment = { ...BUILT_IN_DATA.models.sentiment, outputs: ["bad", "good"] };
    const data: EngineData = { ...BUILT_IN_DATA, models: { ...BUILT_IN_DATA.models, sentiment } };
    expect(() => createEngine(data)).toThrow(/outputs/);
  });
});
