import { describe, expect, it, vi } from "vitest";
import { analyzeConversation, analyzeMessage, builtInEngineData, createEngine } from "./index.ts";
import { packModels, type EngineData, type MessageInput } from "./index.ts";
import { BUILT_IN_MODELS } from "./built-in-models.ts";

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
    const builtIn = builtInEngineData();
    const customer = structuredClone(builtIn.signals.customer);
    customer.signals["escalation_request"]?.cues.push({ w: 0.9, p: ["purple elephant"] });
    const data: EngineData = { ...builtIn, signals: { ...builtIn.signals, customer } };
    const text = "Send me the purple elephant";
    const names = (a: ReturnType<typeof analyzeMessage>) => a.signals.map((s) => s.name);
    expect(names(createEngine(data).analyzeMessage({ text }))).toContain("escalation_request");
    expect(names(analyzeMessage({ text }))).not.toContain("escalation_request");
  });

  it("rejects models whose outputs differ from the built-in ones", () => {
    const sentiment = { ...BUILT_IN_MODELS.sentiment, outputs: ["bad", "good"] };
    expect(() => packModels({ ...BUILT_IN_MODELS, sentiment })).toThrow(/outputs/);
  });

  it("uses the models it was built from, and only in that engine", () => {
    const sentiment = structuredClone(BUILT_IN_MODELS.sentiment);
    sentiment.vocab["zorblax"] = [0, 0, 9]; // an unknown word made very positive
    const data: EngineData = {
      ...builtInEngineData(),
      models: packModels({ ...BUILT_IN_MODELS, sentiment }),
    };
    const text = "The zorblax arrived";
    expect(createEngine(data).analyzeMessage({ text }).sentiment.label).toBe("positive");
    expect(analyzeMessage({ text }).sentiment.label).not.toBe("positive");
  });

  // The scorers import engine.ts for their default argument and engine.ts imports them: whichever
  // of them a program imports first, no module may read a binding of another before it ran.
  it.each([
    "./signals/detect-signals.ts",
    "./complaint.ts",
    "./emotions.ts",
    "./feedback.ts",
    "./politeness.ts",
    "./sentiment.ts",
    "./text/tokenize.ts",
    "./engine.ts",
  ])("works when %s is imported first", async (path) => {
    vi.resetModules();
    await import(path);
    const index = await import("./index.ts");
    expect(index.analyzeMessage(MESSAGES[0] as MessageInput)).toEqual(
      analyzeMessage(MESSAGES[0] as MessageInput),
    );
  });
});
