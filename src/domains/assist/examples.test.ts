import { describe, expect, it } from "vitest";
import type { BestPracticeItem } from "../recognition/index.ts";
import { citeExamples, type CitableItem } from "./examples.ts";

function practice(id: string, criterionKey: string, signals: string[]): CitableItem {
  const item = { id, criterionKey, criterionName: criterionKey, conversationId: `c-${id}` };
  return { item: { ...item, note: "", excerpt: "" } as BestPracticeItem, signals };
}

const LIBRARY = [
  practice("1", "empathy_on_complaint", ["complaint", "apology", "empathy"]),
  practice("2", "empathy_on_complaint", ["complaint", "apology", "empathy"]),
  practice("3", "no_policy_framing", ["policy_framing", "offer"]),
  practice("4", "promise_with_due", ["promise"]),
];

describe("citeExamples", () => {
  it("cites the best item per criterion behind each alert, then each nudge, at most two", () => {
    const cited = citeExamples(
      [{ name: "complaint_unacknowledged" }, { name: "promise_without_time" }],
      [{ signal: "policy_framing" }],
      LIBRARY,
    );
    expect(cited.map((e) => [e.id, e.because])).toEqual([
      ["1", "complaint_unacknowledged"],
      ["4", "promise_without_time"],
    ]);
  });

  it("cites one criterion once even when two needs point at it", () => {
    const cited = citeExamples([{ name: "complaint_unacknowledged" }], [], LIBRARY);
    expect(cited.map((e) => e.id)).toEqual(["1"]);
  });

  it("cites nothing for needs no criterion looks at, or without a library", () => {
    expect(citeExamples([{ name: "legal_threat" }], [{ signal: "jargon" }], LIBRARY)).toEqual([]);
    expect(citeExamples([{ name: "complaint_unacknowledged" }], [], [])).toEqual([]);
  });
});
