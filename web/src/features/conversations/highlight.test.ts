import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MessageAnalysis } from "../../lib/types";
import { collectMarks, formatDue, placeholderMarks, segmentText, type Mark } from "./highlight";
import { SIGNAL_NAMES } from "./signals";

const TYPE_ORDER = ["signal", "term", "redacted"];

/** A text and marks whose spans lie inside it (possibly empty, overlapping or nested). */
const textWithMarks = fc.string({ maxLength: 40 }).chain((text) => {
  const span = fc
    .tuple(fc.nat(text.length), fc.nat(text.length))
    .map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
  const mark: fc.Arbitrary<Mark> = fc.oneof(
    fc
      .tuple(span, fc.constantFrom(...SIGNAL_NAMES), fc.double({ min: 0.1, max: 1, noNaN: true }))
      .map(([s, name, score]) => ({ type: "signal" as const, ...s, name, score })),
    fc
      .tuple(span, fc.double({ min: -1, max: 1, noNaN: true }))
      .map(([s, weight]) => ({ type: "term" as const, ...s, text: "x", weight })),
    span.map((s) => ({ type: "redacted" as const, ...s, kind: "CARD" })),
  );
  return fc.tuple(fc.constant(text), fc.array(mark, { maxLength: 6 }));
});

describe("segmentText", () => {
  it("cuts the text into contiguous runs, each with exactly the marks covering it", () => {
    fc.assert(
      fc.property(textWithMarks, ([text, marks]) => {
        const segments = segmentText(text, marks);
        expect(segments.map((s) => s.text).join("")).toBe(text);
        let at = 0;
        for (const s of segments) {
          expect(s.start).toBe(at);
          expect(s.end).toBeGreaterThan(s.start);
          expect(s.text).toBe(text.slice(s.start, s.end));
          const covering = marks.filter((m) => m.start <= s.start && m.end >= s.end);
          expect(new Set(s.marks)).toEqual(new Set(covering));
          const order = s.marks.map((m) => TYPE_ORDER.indexOf(m.type));
          expect(order).toEqual([...order].sort((a, b) => a - b));
          at = s.end;
        }
      }),
    );
  });

  it("merges neighbours covered by the same marks", () => {
    fc.assert(
      fc.property(textWithMarks, ([text, marks]) => {
        const segments = segmentText(text, marks);
        for (let i = 1; i < segments.length; i++) {
          expect(new Set(segments[i]!.marks)).not.toEqual(new Set(segments[i - 1]!.marks));
        }
      }),
    );
  });

  it("puts the riskiest signal first where signals overlap", () => {
    const marks: Mark[] = [
      { type: "signal", start: 0, end: 13, name: "complaint", score: 0.8 },
      { type: "signal", start: 2, end: 13, name: "churn_threat", score: 0.9 },
    ];
    const [, overlap] = segmentText("I will cancel", marks);
    expect(overlap?.marks.map((m) => (m.type === "signal" ? m.name : m.type))).toEqual([
      "churn_threat",
      "complaint",
    ]);
  });
});

describe("collectMarks", () => {
  const analysis = {
    sentiment: {
      terms: [
        { text: "bad", start: 4, end: 7, weight: -0.5 },
        { text: "the", start: 0, end: 3, weight: 0 },
      ],
    },
    signals: [
      {
        name: "complaint",
        score: 0.7,
        evidence: [
          { start: -5, end: 7, text: "" },
          { start: 9, end: 9, text: "" },
          { start: 8, end: 99, text: "" },
        ],
      },
    ],
    politeness: 0,
    emotions: {},
  } as MessageAnalysis;

  it("clamps evidence to the text and drops empty spans and zero-weight terms", () => {
    expect(collectMarks(analysis, 12, true)).toEqual([
      { type: "signal", start: 0, end: 7, name: "complaint", score: 0.7 },
      { type: "signal", start: 8, end: 12, name: "complaint", score: 0.7 },
      { type: "term", start: 4, end: 7, text: "bad", weight: -0.5 },
    ]);
  });

  it("leaves sentiment terms out unless asked, and has nothing without an analysis", () => {
    expect(collectMarks(analysis, 12, false).every((m) => m.type === "signal")).toBe(true);
    expect(collectMarks(null, 12, true)).toEqual([]);
  });
});

describe("placeholderMarks and formatDue", () => {
  it("marks each redaction placeholder", () => {
    expect(placeholderMarks("card [CARD] mail [EMAIL] [NAME]")).toEqual([
      { type: "redacted", start: 5, end: 11, kind: "CARD" },
      { type: "redacted", start: 17, end: 24, kind: "EMAIL" },
    ]);
  });

  it("reads durations and instants, and shows anything else as given", () => {
    const iso = (s: string) => `<${s}>`;
    expect(formatDue("PT24H", iso)).toBe("within 24 h");
    expect(formatDue("P2DT30M", iso)).toBe("within 2 d 30 min");
    expect(formatDue("2026-12-05T10:00:00Z", iso)).toBe("by <2026-12-05T10:00:00Z>");
    expect(formatDue("next week", iso)).toBe("next week");
  });
});
