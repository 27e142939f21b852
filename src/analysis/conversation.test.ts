import { describe, expect, it } from "vitest";
import { analyzeConversation } from "./index.ts";
import type { MessageInput } from "./types.ts";

describe("analyzeConversation", () => {
  it("reads a recovery from an angry start to a happy end", () => {
    const r = analyzeConversation([
      { role: "customer", text: "My parcel never arrived and I'm furious, this is terrible" },
      { role: "agent", text: "I'm so sorry. I've sent a replacement, it arrives tomorrow." },
      { role: "customer", text: "Brilliant, thank you so much!" },
    ]);
    expect(r.trajectory).toBe("recovered");
    expect(r.sentiment.start).toBeLessThan(0);
    expect(r.sentiment.end).toBeGreaterThan(0);
    expect(r.satisfaction.predicted).toBeGreaterThanOrEqual(1);
    expect(r.satisfaction.predicted).toBeLessThanOrEqual(5);
    expect(r.messages).toHaveLength(3);
  });

  it("reads a deterioration", () => {
    const r = analyzeConversation([
      { role: "customer", text: "Hi, quick question about my bill please" },
      { role: "agent", text: "That's our policy." },
      { role: "customer", text: "This is ridiculous and useless, I'm furious" },
    ]);
    expect(r.trajectory).toBe("deteriorated");
  });

  it("is unknown with fewer than two customer messages, and empty conversations are neutral", () => {
    expect(analyzeConversation([{ role: "customer", text: "Hello" }]).trajectory).toBe("unknown");
    const empty = analyzeConversation([]);
    expect(empty.trajectory).toBe("unknown");
    expect(empty.sentiment).toEqual({ score: 0, label: "neutral", start: 0, end: 0 });
    expect(empty.signals).toEqual([]);
  });

  it("deduplicates signals by name keeping the strongest, with its message index", () => {
    const r = analyzeConversation([
      { role: "customer", text: "Let me speak to a manager" },
      { role: "customer", text: "Please escalate this, I want a supervisor now" },
      { role: "customer", text: "Let me speak to a manager" },
    ]);
    const esc = r.signals.filter((s) => s.name === "escalation_request");
    expect(esc).toHaveLength(1);
    expect(esc[0]?.messageIndex).toBe(1);
    expect(esc[0]?.score).toBe(
      Math.max(
        ...r.messages.map(
          (m) => m.signals.find((s) => s.name === "escalation_request")?.score ?? 0,
        ),
      ),
    );
  });

  it("counts repetitions, transfers (phrase or agent change) and long waits", () => {
    const r = analyzeConversation([
      {
        role: "customer",
        text: "My internet connection keeps dropping every evening",
        ts: "2026-11-23T09:00:00Z",
      },
      {
        role: "agent",
        text: "Let me transfer you to technical support",
        ts: "2026-11-23T09:10:00Z",
        author: "a1",
      },
      {
        role: "agent",
        text: "Hi, I'm Sam from tech support",
        ts: "2026-11-23T09:11:00Z",
        author: "a2",
      },
      {
        role: "customer",
        text: "As I said, my internet connection keeps dropping every evening",
        ts: "2026-11-23T09:12:00Z",
      },
      { role: "internal", text: "long one", ts: "2026-11-23T09:12:30Z" },
      { role: "agent", text: "Thanks, checking now", ts: "2026-11-23T09:13:00Z", author: "a2" },
    ]);
    expect(r.effort.repetitions).toBe(1);
    expect(r.effort.transfers).toBe(2);
    expect(r.effort.longWaits).toBe(1);
    expect(r.effort.longestWaitSeconds).toBe(600);
    expect(r.effort.score).toBeGreaterThan(0.5);
    expect(r.effort.score).toBeLessThanOrEqual(1);
  });

  it("measures silences, overtalk and agent talk ratio from utterance offsets", () => {
    const msgs: MessageInput[] = [
      { role: "agent", text: "Hello, how can I help?", startOffset: 0, endOffset: 4 },
      { role: "customer", text: "My bill is wrong", startOffset: 3, endOffset: 6 },
      { role: "agent", text: "Let me look", startOffset: 14, endOffset: 16 },
    ];
    const r = analyzeConversation(msgs);
    expect(r.timings?.overtalk).toEqual([{ start: 3, end: 4, seconds: 1 }]);
    expect(r.timings?.silences).toEqual([{ start: 6, end: 14, seconds: 8 }]);
    expect(r.timings?.agentTalkRatio).toBeCloseTo(6 / 9, 3);
    expect(analyzeConversation(msgs, { silenceSeconds: 10 }).timings?.silences).toEqual([]);
    expect(analyzeConversation([{ text: "no offsets" }]).timings).toBeUndefined();
  });

  it("scores the customer's reaction to each agent turn for satisfaction", () => {
    const convo = (reaction: string) =>
      analyzeConversation([
        { role: "customer", text: "How do I change my delivery address?" },
        { role: "agent", text: "Our opening hours are 9 to 5." },
        { role: "customer", text: reaction },
      ]).satisfaction;
    const pushback = convo("That's not what I asked, you're not listening");
    const accepted = convo("Perfect, that's exactly what I needed, thanks");
    expect(pushback.predicted).toBeLessThan(accepted.predicted);
    const reactions = pushback.drivers.find((d) => d.name === "customer_reactions");
    expect(reactions?.effect).toBeLessThan(0);
  });

  it("counts a second customer message in a row as a reaction to the same agent turn", () => {
    const reactions = (msgs: MessageInput[]) =>
      analyzeConversation(msgs).satisfaction.drivers.find((d) => d.name === "customer_reactions");
    const base: MessageInput[] = [
      { role: "customer", text: "Can you book a table for two tonight?" },
      { role: "agent", text: "Sorry, there are no tables available." },
      { role: "customer", text: "ok" },
    ];
    const one = reactions(base);
    const two = reactions([...base, { role: "customer", text: "That's not what I asked for" }]);
    expect(two?.effect).toBeLessThan(one?.effect ?? 0);
  });

  it("ignores unparseable timestamps and reversed offsets", () => {
    const r = analyzeConversation([
      { role: "customer", text: "hello", ts: "yesterday", startOffset: 5, endOffset: 1 },
      { role: "agent", text: "hi", ts: "not a time" },
    ]);
    expect(r.effort.longWaits).toBe(0);
    expect(r.effort.longestWaitSeconds).toBeUndefined();
  });
});

describe("analyzeConversation satisfaction", () => {
  it("marks a one-message request as having no outcome yet, without delight", () => {
    const c = analyzeConversation([
      {
        role: "customer",
        text: "Hi, can you please help me update my shipping address? Thanks so much!",
      },
    ]);
    expect(c.satisfaction.outcome).toBe("unknown");
    expect(c.satisfaction.confidence).toBeLessThan(0.5);
    expect(c.satisfaction.predicted).toBeLessThanOrEqual(4);
  });

  it("observes the outcome once the customer reacts to an agent reply", () => {
    const c = analyzeConversation([
      { role: "customer", text: "My parcel never arrived." },
      { role: "agent", text: "I'm sorry. I have sent a replacement, it arrives tomorrow." },
      { role: "customer", text: "Thank you, that's great!" },
    ]);
    expect(c.satisfaction.outcome).toBe("observed");
    expect(c.satisfaction.confidence).toBeGreaterThanOrEqual(0.5);
    expect(c.signals.map((s) => s.name)).toContain("complaint");
    expect(c.satisfaction.predicted).toBeLessThanOrEqual(4);
  });
});
